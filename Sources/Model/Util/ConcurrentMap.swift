import Foundation

extension Array {
    /// `map` on every core, in order: the array is cut into a few chunks per core (a closure call per element
    /// would cost more than scoring one card). For pure functions only.
    func concurrentMap<T>(_ transform: (Element) -> T) -> [T] {
        let n = count
        guard n > 256 else { return map(transform) }
        let chunks = Swift.min(n, ProcessInfo.processInfo.activeProcessorCount * 4)
        var out = [T?](repeating: nil, count: n)
        out.withUnsafeMutableBufferPointer { buf in
            let base = buf.baseAddress
            withoutActuallyEscaping(transform) { f in
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    let lo = n * c / chunks, hi = n * (c + 1) / chunks
                    for i in lo..<hi { base?[i] = f(self[i]) }
                }
            }
        }
        return out.compactMap { $0 }
    }
}
