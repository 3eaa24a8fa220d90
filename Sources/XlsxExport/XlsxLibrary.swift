import CXlsxWriter
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libxlsxwriter, loaded with dlopen the first time a workbook is written, and the few of its functions XlsxWriter
/// calls. The program is not linked against it: a terminal session (which never exports) maps neither it nor its
/// zlib, minizip and libcrypto, and a server without the library still runs everything but the export.
struct XlsxLibrary: @unchecked Sendable {
    let workbookNew: lxw_fn_workbook_new
    let workbookFree: lxw_fn_workbook_free
    let workbookClose: lxw_fn_workbook_close
    let validateSheetName: lxw_fn_workbook_validate_sheet_name
    let addWorksheet: lxw_fn_workbook_add_worksheet
    let addFormat: lxw_fn_workbook_add_format
    let setColumn: lxw_fn_worksheet_set_column
    let freezePanes: lxw_fn_worksheet_freeze_panes
    let autofilter: lxw_fn_worksheet_autofilter
    let protect: lxw_fn_worksheet_protect
    let writeString: lxw_fn_worksheet_write_string
    let writeNumber: lxw_fn_worksheet_write_number
    let writeBlank: lxw_fn_worksheet_write_blank
    let setBold: lxw_fn_format_set_bold
    let setBottom: lxw_fn_format_set_bottom
    let setTextWrap: lxw_fn_format_set_text_wrap
    let setAlign: lxw_fn_format_set_align
    let setNumFormat: lxw_fn_format_set_num_format
    let setPattern: lxw_fn_format_set_pattern
    let setBgColor: lxw_fn_format_set_bg_color
    let strerror: lxw_fn_strerror

    /// The file names tried, in order: the development link, then the run-time names of the Debian/Ubuntu packages.
    static let fileNames = ["libxlsxwriter.so", "libxlsxwriter.so.4", "libxlsxwriter.so.6", "libxlsxwriter.so.5",
                            "libxlsxwriter.so.3", "libxlsxwriter.dylib"]

    /// The library, loaded once per process.
    static let shared: Result<XlsxLibrary, XlsxError> = load(fileNames)

    static func loaded() throws(XlsxError) -> XlsxLibrary { try shared.get() }

    /// Loads the first of `names` that opens and has every function; the error says what is missing and what to install.
    static func load(_ names: [String]) -> Result<XlsxLibrary, XlsxError> {
        var reasons: [String] = []
        for name in names {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
                if let e = dlerror() { reasons.append(String(cString: e)) }
                continue
            }
            do {
                return .success(try XlsxLibrary(handle: handle, file: name))
            } catch {
                reasons.append(error.message)
                dlclose(handle)
            }
        }
        return .failure(.libraryMissing(reason: reasons.first ?? "no file name to try"))
    }

    private init(handle: UnsafeMutableRawPointer, file: String) throws(XlsxError) {
        func f<T>(_ name: String, _: T.Type = T.self) throws(XlsxError) -> T {
            guard let p = dlsym(handle, name) else { throw .libraryMissing(reason: "\(file) has no function \(name) (version older than 1.1.4)") }
            return unsafeBitCast(p, to: T.self)
        }
        workbookNew = try f("workbook_new"); workbookFree = try f("lxw_workbook_free"); workbookClose = try f("workbook_close")
        validateSheetName = try f("workbook_validate_sheet_name"); addWorksheet = try f("workbook_add_worksheet")
        addFormat = try f("workbook_add_format"); setColumn = try f("worksheet_set_column")
        freezePanes = try f("worksheet_freeze_panes"); autofilter = try f("worksheet_autofilter")
        protect = try f("worksheet_protect"); writeString = try f("worksheet_write_string")
        writeNumber = try f("worksheet_write_number"); writeBlank = try f("worksheet_write_blank")
        setBold = try f("format_set_bold"); setBottom = try f("format_set_bottom"); setTextWrap = try f("format_set_text_wrap")
        setAlign = try f("format_set_align"); setNumFormat = try f("format_set_num_format")
        setPattern = try f("format_set_pattern"); setBgColor = try f("format_set_bg_color"); strerror = try f("lxw_strerror")
    }
}
