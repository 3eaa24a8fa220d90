import Foundation
import Testing
@testable import XlsxExport

/// libxlsxwriter is loaded when a workbook is written, not when the program starts.
@Suite("xlsx library loading")
struct LibraryLoadingTests {
    @Test("a missing libxlsxwriter gives a Russian message naming the package to install")
    func missingLibrary() {
        let result = XlsxLibrary.load(["libxlsxwriter-not-installed.so.99"])
        guard case .failure(let e) = result else {
            Issue.record("a library that does not exist was loaded")
            return
        }
        #expect(e.message.contains("Не удалось загрузить библиотеку libxlsxwriter"))
        #expect(e.message.contains("apt-get install libxlsxwriter4"))
        #expect(e.message.contains("libxlsxwriter-not-installed.so.99"))
    }

    @Test("a library without the writer's functions is refused by name, not called")
    func wrongLibrary() {
        guard case .failure(let e) = XlsxLibrary.load(["libz.so.1"]) else {
            Issue.record("zlib was taken for libxlsxwriter")
            return
        }
        #expect(e.message.contains("has no function workbook_new"))
    }
}
