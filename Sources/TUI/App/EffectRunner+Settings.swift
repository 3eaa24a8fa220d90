import Foundation
import Model

/// The methodist's settings and files: stage dates, extensions, people, the organisations' import, the export. Each
/// save goes through the Session (policy, revision check, journal); the export runs in the background.
extension EffectRunner {
    func performSetting(_ effect: Effect) throws -> [Msg] {
        switch effect {
        case .setDeadlines(let fill, let check, let evaluate, let rev):
            let c = try session.setDeadlines(period: nil, fill: fill, check: check, evaluate: evaluate, expectedRevision: rev)
            return [.changed("Сроки кампании \(c.russianPeriod): заполнение до \(c.fillDeadline.russian), "
                             + "проверка до \(c.checkDeadline.russian), оценка до \(c.evaluateDeadline.russian)")]
        case .extend(let org, let until, let reason, let rev):
            try session.extend(org: org, until: until, reason: reason, period: nil, expectedRevision: rev)
            return [.changed(until.map { "Организации \(org) срок заполнения продлён до \($0.russian)" } ?? "Продление \(org) снято")]
        case .loadPeople:
            let (people, revision) = try session.people()
            return [.peopleLoaded(people, revision: revision)]
        case .addPerson(let p, let rev):
            try session.addPerson(p, expectedRevision: rev)
            return [.changed("Добавлен пользователь \(p.id) (\(p.role.russian)): \(p.name)")]
        case .revokePerson(let id, let rev):
            try session.revokePerson(id, expectedRevision: rev)
            return [.changed("Доступ пользователя \(id) отозван: профрост не пустит его со следующего действия")]
        case .previewImport(let path):
            let file = Self.absolute(path)
            let orgs = try session.readOrganisations(path: file, name: path)
            let (plan, revision) = try session.previewImport(orgs)
            return [.importPreviewed(ImportPreview(path: file, organisations: orgs, plan: plan, revision: revision))]
        case .importOrganisations(let orgs, let force, let rev):
            let plan = try session.importOrganisations(orgs, force: force, expectedRevision: rev)
            return [.changed("Импорт выполнен: новых организаций \(plan.added.count), изменено \(plan.updated.count)")]
        case .checkExportPath(let path):
            let file = try Self.checkedOutput(path)
            return [.exportPathChecked(path: file, exists: FileManager.default.fileExists(atPath: file))]
        case .export(let path, let password):
            return startExport(to: path, password: password)
        case .pollWork:
            return work.poll()
        default:
            return []
        }
    }

    /// Reads the results from the cards and writes them with the exporter, off the terminal's thread.
    private func startExport(to path: String, password: String?) -> [Msg] {
        let effect = Effect.export(path: path, password: password)
        guard let exporter else {
            return [.failed(EffectFailure(message: "Выгрузка в Excel недоступна: программа собрана без записи .xlsx", effect: effect))]
        }
        let runner = self
        let first = WorkProgress("Подготовка")
        let started = work.start(first) { report in
            let session = runner.session
            do {
                let r = try session.analyticsReport(period: nil, progress: report)
                let sheets = try exporter.write(r, to: path, password: password, progress: report)
                return [.exported(ExportResult(path: path, sheets: sheets, unreadable: r.ranking.unreadable.count))]
            } catch {
                return [.failed(runner.failure(error, effect))]
            }
        }
        guard let p = started else {
            return [.failed(EffectFailure(message: "Выгрузка уже идёт: дождитесь её окончания", effect: effect))]
        }
        return [.progress(p)]
    }

    /// `~/x` and `x` (from the folder profrost was started in) as absolute paths.
    static func absolute(_ path: String) -> String {
        let e = (Whitespace.trimmed(path) as NSString).expandingTildeInPath
        return e.hasPrefix("/") ? e : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(e)
    }

    /// The workbook's absolute path, once its folder is found to exist and take files.
    static func checkedOutput(_ path: String) throws -> String {
        let file = (absolute(path) as NSString).standardizingPath
        let shown = DisplayText.sanitize(file)
        func refuse(_ en: String, _ ru: String) -> StoreError { .invalid(InputError(en, russian: ru)) }
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: file, isDirectory: &isDir), isDir.boolValue {
            throw refuse("\(file) is a folder", "«\(shown)» — это папка; допишите имя файла .xlsx")
        }
        let folder = (file as NSString).deletingLastPathComponent
        let shownFolder = DisplayText.sanitize(folder)
        guard fm.fileExists(atPath: folder, isDirectory: &isDir) else {
            throw refuse("no folder \(folder)", "Папки «\(shownFolder)» нет")
        }
        guard isDir.boolValue else { throw refuse("\(folder) is not a folder", "«\(shownFolder)» — это файл, а не папка") }
        guard fm.isWritableFile(atPath: folder) else {
            throw refuse("the folder \(folder) is not writable", "В папку «\(shownFolder)» нельзя записать: нет прав")
        }
        return file
    }
}
