import Foundation

/// Everything that can go wrong reading or writing the workspace, explained in English and Russian.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// A file does not parse; it is named with its line and never overwritten.
    case corrupt(path: String, line: Int, reason: String)
    /// Someone saved since this writer read: nothing was written.
    case conflict(path: String, expected: Int, found: Int, by: String?)
    /// The lock is held by a live process.
    case locked(path: String, pid: Int32)
    case io(path: String, reason: String)
    case notFound(what: String, id: String)
    case invalid(InputError)
    case denied(InputError)
    case noWorkspace(path: String)
    /// A file given to an import has a wrong line (or row of a sheet; nil: the file as a whole): nothing was imported.
    case rejected(path: String, line: Int?, InputError)

    public var description: String {
        switch self {
        case .corrupt(let p, let l, let r): return "\(p):\(l): cannot read this file (\(r)); it was left as it is"
        case .conflict(let p, let e, let f, let by):
            return "\(p) was changed by \(by ?? "someone else") meanwhile (revision \(f), you started from \(e)); nothing was saved"
        case .locked(let p, let pid): return "\(p) is locked by process \(pid); try again"
        case .io(let p, let r): return "\(p): \(r)"
        case .notFound(let what, let id): return "unknown \(what) \"\(id)\""
        case .invalid(let e), .denied(let e): return e.english
        case .noWorkspace(let p): return "no workspace at \(p) (run `profrost init` or `profrost init --demo`)"
        case .rejected(let p, let l, let e): return "\(p)\(l.map { ":\($0)" } ?? ""): \(e.english); nothing was imported"
        }
    }

    /// The same, in Russian, for the terminal UI.
    public var russian: String {
        switch self {
        case .corrupt(let p, let l, _): return "Файл \(p), строка \(l): не читается; файл оставлен как есть"
        case .conflict(let p, _, _, let by):
            let what = p.hasSuffix("decisions.json") ? "Решение" : p.contains("/monitorings/") ? "Данные мониторинга"
                : p.hasSuffix("campaign.json") ? "Сроки кампании" : p.hasSuffix("people.json") ? "Список пользователей"
                : p.hasSuffix("organisations.json") ? "Список организаций" : "Карту"
            return "\(what) уже изменил \(by ?? "другой пользователь"); показаны актуальные данные, ваши изменения не сохранены"
        case .locked: return "Файл занят другим пользователем; повторите"
        case .io(let p, let r): return "Ошибка записи \(p): \(r)"
        case .notFound(let what, let id):
            let w = ["organisation": "организация", "person": "пользователь", "indicator": "показатель",
                     "campaign": "кампания", "template": "шаблон", "card": "карта", "decision": "решение", "file": "файл",
                     "key file": "файл ключа", "monitoring": "мониторинг", "program": "программа",
                     "recommendation": "рекомендация"][what] ?? what
            return "Не найдено: \(w) «\(id)»"
        case .invalid(let e), .denied(let e): return e.russian
        case .noWorkspace(let p): return "Нет рабочей папки \(p)"
        case .rejected(let p, let l, let e): return "Файл \(p)\(l.map { ", строка \($0)" } ?? ""): \(e.russian); ничего не импортировано"
        }
    }
}
