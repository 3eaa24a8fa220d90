/// Raw DEFLATE decoding (RFC 1951), as the entries of a zip archive (an .xlsx) need it. Written after zlib's
/// `puff.c`: canonical Huffman codes decoded a bit at a time — slow next to zlib, but a workbook of organisations
/// or of a template's indicators is a few hundred kilobytes, and it needs no library.
enum Inflate {
    struct Failure: Error, Equatable { let reason: String }

    /// The decompressed bytes; refuses more than `limit` of them (a small file that would expand to gigabytes).
    static func decompress(_ input: [UInt8], limit: Int) throws -> [UInt8] {
        var s = State(input: input, limit: limit)
        var last = false
        repeat {
            last = try s.bits(1) == 1
            switch try s.bits(2) {
            case 0: try s.stored()
            case 1: try s.codes(Fixed.lengths, Fixed.distances)
            case 2: let (l, d) = try s.dynamicTables(); try s.codes(l, d)
            default: throw Failure(reason: "an unknown kind of compressed block")
            }
        } while !last
        return s.output
    }

    /// A canonical Huffman code: how many codes of each length, and the symbols in code order.
    struct Huffman {
        var count = [Int](repeating: 0, count: 16)
        var symbol: [Int]

        /// Built from each symbol's code length (0: unused). An over-subscribed set of lengths is refused; an
        /// incomplete one is allowed (as zlib allows it for a single distance code) and fails only if an
        /// unused code is met.
        init(lengths: [Int]) throws {
            symbol = [Int](repeating: 0, count: lengths.count)
            for l in lengths { count[l] += 1 }
            var left = 1
            for len in 1..<16 {
                left <<= 1
                left -= count[len]
                if left < 0 { throw Failure(reason: "an invalid Huffman code") }
            }
            var offs = [Int](repeating: 0, count: 16)
            for len in 1..<15 { offs[len + 1] = offs[len] + count[len] }
            for (sym, l) in lengths.enumerated() where l != 0 {
                symbol[offs[l]] = sym
                offs[l] += 1
            }
        }
    }

    enum Fixed {
        static let lengths: Huffman = {
            var l = [Int](repeating: 8, count: 288)
            for i in 144..<256 { l[i] = 9 }
            for i in 256..<280 { l[i] = 7 }
            // Well-formed by construction: the lengths of RFC 1951, 3.2.6.
            return (try? Huffman(lengths: l)) ?? Huffman.empty
        }()
        static let distances: Huffman = (try? Huffman(lengths: [Int](repeating: 5, count: 30))) ?? Huffman.empty
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                               4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    struct State {
        let input: [UInt8]
        let limit: Int
        var position = 0
        var bitBuffer: UInt64 = 0
        var bitCount = 0
        var output: [UInt8] = []

        init(input: [UInt8], limit: Int) { self.input = input; self.limit = limit }

        mutating func bits(_ n: Int) throws -> Int {
            while bitCount < n {
                guard position < input.count else { throw Failure(reason: "the compressed data ends early") }
                bitBuffer |= UInt64(input[position]) << UInt64(bitCount)
                position += 1
                bitCount += 8
            }
            let value = Int(bitBuffer & ((1 << UInt64(n)) - 1))
            bitBuffer >>= UInt64(n)
            bitCount -= n
            return value
        }

        mutating func stored() throws {
            bitBuffer = 0; bitCount = 0
            guard position + 4 <= input.count else { throw Failure(reason: "the compressed data ends early") }
            let len = Int(input[position]) | Int(input[position + 1]) << 8
            let nlen = Int(input[position + 2]) | Int(input[position + 3]) << 8
            guard len == (~nlen & 0xFFFF) else { throw Failure(reason: "a stored block's length does not match its complement") }
            position += 4
            guard position + len <= input.count else { throw Failure(reason: "the compressed data ends early") }
            guard output.count + len <= limit else { throw Failure(reason: "it expands to more than \(limit) bytes") }
            output.append(contentsOf: input[position..<(position + len)])
            position += len
        }

        mutating func decode(_ h: Huffman) throws -> Int {
            var code = 0, first = 0, index = 0
            for len in 1..<16 {
                code |= try bits(1)
                let count = h.count[len]
                if code - count < first { return h.symbol[index + (code - first)] }
                index += count
                first += count
                first <<= 1
                code <<= 1
            }
            throw Failure(reason: "an invalid Huffman code")
        }

        mutating func codes(_ lengths: Huffman, _ distances: Huffman) throws {
            while true {
                let sym = try decode(lengths)
                if sym < 256 {
                    guard output.count < limit else { throw Failure(reason: "it expands to more than \(limit) bytes") }
                    output.append(UInt8(sym))
                } else if sym == 256 {
                    return
                } else {
                    let i = sym - 257
                    guard i < lengthBase.count else { throw Failure(reason: "an invalid length code") }
                    let length = lengthBase[i] + (try bits(lengthExtra[i]))
                    let d = try decode(distances)
                    guard d < distanceBase.count else { throw Failure(reason: "an invalid distance code") }
                    let distance = distanceBase[d] + (try bits(distanceExtra[d]))
                    guard distance <= output.count else { throw Failure(reason: "a distance reaches before the start") }
                    guard output.count + length <= limit else { throw Failure(reason: "it expands to more than \(limit) bytes") }
                    let start = output.count - distance
                    for k in 0..<length { output.append(output[start + k]) }
                }
            }
        }

        mutating func dynamicTables() throws -> (Huffman, Huffman) {
            let nlen = try bits(5) + 257, ndist = try bits(5) + 1, ncode = try bits(4) + 4
            guard nlen <= 286, ndist <= 30 else { throw Failure(reason: "too many codes in a block") }
            var codeLengths = [Int](repeating: 0, count: 19)
            for i in 0..<ncode { codeLengths[codeLengthOrder[i]] = try bits(3) }
            let lencode = try Huffman(lengths: codeLengths)
            var lengths: [Int] = []
            lengths.reserveCapacity(nlen + ndist)
            while lengths.count < nlen + ndist {
                let sym = try decode(lencode)
                if sym < 16 {
                    lengths.append(sym)
                    continue
                }
                var value = 0, repeatCount: Int
                switch sym {
                case 16:
                    guard let previous = lengths.last else { throw Failure(reason: "a repeated length with nothing before it") }
                    value = previous; repeatCount = 3 + (try bits(2))
                case 17: repeatCount = 3 + (try bits(3))
                default: repeatCount = 11 + (try bits(7))
                }
                guard lengths.count + repeatCount <= nlen + ndist else { throw Failure(reason: "too many code lengths") }
                lengths += [Int](repeating: value, count: repeatCount)
            }
            guard lengths[256] != 0 else { throw Failure(reason: "a block without an end code") }
            return (try Huffman(lengths: Array(lengths[0..<nlen])), try Huffman(lengths: Array(lengths[nlen...])))
        }
    }
}

extension Inflate.Huffman {
    static let empty = Inflate.Huffman()
    private init() { symbol = [] }
}

/// CRC-32 (the zip and PNG one), to tell a damaged entry from a good one.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
