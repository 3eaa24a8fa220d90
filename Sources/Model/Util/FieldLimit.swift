/// How long each text a person types may be, checked where the text enters (Session, Workspace, imports),
/// so that no screen or report has to show a megabyte: a document's name fits a line of an order's
/// heading, a number and a date fit their fields, a comment fits a paragraph.
public enum FieldLimit: Sendable {
    /// Evidence: the document's name (`Приказ о повышении квалификации …`).
    case document
    /// Evidence: the document's number.
    case documentNumber
    /// Evidence: the document's date as typed (`01.09.2026`).
    case documentDate
    /// A reviewer's or methodist's comment (verdict, return, reopen, acceptance).
    case comment
    /// A person's full name.
    case personName
    /// An organisation's name.
    case organisationName
    /// Any text of a template: a title, an indicator's text, its method, source or evidence.
    case templateText
    /// An organisation's short name (`СОШ № 1`), shown in narrow columns.
    case shortName
    /// Why an organisation was given more time.
    case reason

    /// The most characters (extended grapheme clusters) the field takes.
    public var maxLength: Int {
        switch self {
        case .document: return 500
        case .documentNumber: return 50
        case .documentDate: return 20
        case .comment: return 2_000
        case .personName: return 200
        case .organisationName: return 300
        case .templateText: return 1_000
        case .shortName: return 60
        case .reason: return 500
        }
    }

    /// The field's name in messages: English, Russian.
    var names: (String, String) {
        switch self {
        case .document: return ("the document's name", "Название документа")
        case .documentNumber: return ("the document's number", "Номер документа")
        case .documentDate: return ("the document's date", "Дата документа")
        case .comment: return ("the comment", "Комментарий")
        case .personName: return ("the name", "ФИО")
        case .organisationName: return ("the organisation's name", "Название организации")
        case .templateText: return ("the text", "Текст")
        case .shortName: return ("the short name", "Краткое название")
        case .reason: return ("the reason", "Причина")
        }
    }

    /// Nil when `text` fits; otherwise the message to show. A text of more than 8 UTF-8 bytes per allowed
    /// character is refused without counting its characters (a megabyte is not walked).
    public func problem(_ text: String) -> InputError? {
        let bytes = text.utf8.count
        if bytes <= maxLength { return nil }
        let count: Int? = bytes > maxLength * 8 ? nil : text.count
        if let c = count, c <= maxLength { return nil }
        let en = count.map { "\($0) characters" } ?? "\(bytes) bytes"
        let ru = count.map { "\($0) знаков" } ?? "\(bytes) байт"
        return InputError("\(names.0) is too long (\(en)); at most \(maxLength) characters",
                          russian: "«\(names.1)»: слишком длинный текст (\(ru)); допускается не больше \(maxLength) знаков")
    }

    /// Throws `StoreError.invalid` when `text` does not fit.
    public func check(_ text: String) throws {
        if let e = problem(text) { throw StoreError.invalid(e) }
    }
}
