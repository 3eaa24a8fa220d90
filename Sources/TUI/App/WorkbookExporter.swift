import Model

/// Writes the methodist's results (`AnalyticsReport`) to an .xlsx workbook.
///
/// Declared here and supplied by the program: `profrost ui` passes the CLI's `AnalyticsExporter`, the very code
/// `profrost export` writes with. The dependency keeps pointing down (profrost → CLI → TUI → Model) instead of
/// from the TUI to XlsxExport, because
/// - there is one layout of the workbook (the CLI's `AnalyticsWorkbook`), not a second copy for the screens;
/// - the TUI target and its tests build without libxlsxwriter's headers; the screens are tested with an exporter
///   of the tests' own, which can hold the work at any step to look at the progress on screen;
/// - the program decides what it can export with (a build or a server without the writer simply passes none, and
///   the screen says so).
public protocol WorkbookExporter: Sendable {
    /// Writes `report` to `path` (absolute, `.xlsx`; replaced once the new file is written whole), every sheet
    /// protected with `password` (nil: protected without one). Reports its steps; returns the sheets' names.
    /// Throws `ExportError` (or the Model's errors).
    func write(_ report: AnalyticsReport, to path: String, password: String?,
               progress: @escaping ProgressReport) throws -> [String]
}

/// Why a workbook was not written, in English and Russian (the CLI prints both, the terminal UI the Russian).
public struct ExportError: Error, Equatable, Sendable {
    public var english: String
    public var russian: String
    /// The user's input was wrong (a password), rather than the file or the writer.
    public var isBadInput: Bool

    public init(english: String, russian: String, isBadInput: Bool = false) {
        self.english = english; self.russian = russian; self.isBadInput = isBadInput
    }
}
