import Foundation
import Testing
import Model
import TestSupport
@testable import TUI

/// The methodist's campaign without the CLI, at 80×24: stage dates, extensions with their reason, people, the
/// organisations' import with a preview, the export with progress. Each saved through the Session and seen on disk.
@Suite struct MethodistSettingsTests {
    func row(_ d: TUIDriver, containing text: String) -> String? { d.lines.first { $0.contains(text) } }

    /// The screen's text with its rows joined, for sentences that wrap.
    func flat(_ d: TUIDriver) -> String { d.lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") }

    /// The notes beside the fields of the form on top, whole (on screen a long one goes on under its field).
    func notes(_ d: TUIDriver) -> [String] {
        let fields: [FieldForm.Field] = (d.state.top.part as? any FormScreen)?.form.fields ?? []
        return fields.map(\.note).filter { !$0.isEmpty }
    }

    // MARK: - Stage dates

    @Test func stageDatesAreCheckedTogetherAndSaved() throws {
        let m = try TUIDriver.demo()
        m.press(.char("2"), .char("d"))
        #expect(m.state.top.title == "Сроки этапов")
        #expect(m.lines[23].contains("Enter Сохранить") && m.lines[23].contains("Esc Отмена"))
        #expect(row(m, containing: "Заполнение карт до")?.contains("30.09.2026") == true)
        // A day that does not exist, and a check before the filling: each said beside its field, nothing saved.
        m.press(.ctrl("u")); m.type("31.02.2026"); m.press(.enter)
        #expect(row(m, containing: "Заполнение карт до")?.contains("✗ такой даты нет: 31.02.2026") == true)
        #expect(m.message == "Сроки не сохранены: исправьте отмеченное")
        m.press(.ctrl("u")); m.type("30.09.2026"); m.press(.tab, .ctrl("u")); m.type("01.09.2026"); m.press(.enter)
        #expect(row(m, containing: "Проверка объективности до")?.contains("✗ Проверка не может закончиться") == true)
        // Beside the field the note may be cut; under the fields it is whole.
        #expect(flat(m).contains("Проверка объективности до: ✗ Проверка не может закончиться раньше заполнения (30.09.2026)"))
        #expect(isClean(m.canvas))
        #expect(try m.workspace.campaign(orLatest: nil).checkDeadline == Day(year: 2026, month: 10, day: 15))
        // Letters do not get into a date.
        m.press(.ctrl("u")); m.type("x")
        #expect(row(m, containing: "Проверка объективности до")?.contains("только цифры и точки") == true)
        m.press(.backspace, .ctrl("u")); m.type("20.10.2026"); m.press(.tab, .ctrl("u")); m.type("05.11.2026"); m.press(.enter)
        #expect(m.message == "Сроки кампании 2025/26: заполнение до 30.09.2026, проверка до 20.10.2026, оценка до 05.11.2026")
        #expect(m.state.top.title == "Сроки")
        #expect(m.lines[1].contains("проверка до 20.10.2026 · оценка до 05.11.2026"))
        let c = try m.workspace.campaign(orLatest: nil)
        #expect(c.checkDeadline == Day(year: 2026, month: 10, day: 20) && c.evaluateDeadline == Day(year: 2026, month: 11, day: 5))
        let entry = try #require(try m.workspace.journal.entries().last)
        #expect(entry.action == "campaign.deadlines" && entry.actor == "metodist")
    }

    @Test func datesChangedElsewhereWhileTheFormIsOpenAreShownNotOverwritten() throws {
        let m = try TUIDriver.demo()
        m.press(.char("d"))  // from the dashboard
        #expect(m.state.top.title == "Сроки этапов")
        m.press(.ctrl("u")); m.type("25.09.2026")
        // Another methodist's session moves the evaluation meanwhile.
        let other = try Fixture.session(m.workspace, "metodist")
        try other.setDeadlines(period: nil, fill: nil, check: nil, evaluate: Day(year: 2026, month: 11, day: 20))
        m.press(.enter)
        #expect(m.message.hasPrefix("Сроки кампании уже изменил"))
        #expect(m.state.top.title == "Сроки этапов")
        #expect(flat(m).contains("Сейчас в кампании: заполнение до 30.09.2026, проверка до 15.10.2026, оценка до 20.11.2026."))
        #expect(try m.workspace.campaign(orLatest: nil).fillDeadline == Day(year: 2026, month: 9, day: 30))
        m.press(.enter)  // seen; saved over what is there now
        #expect(try m.workspace.campaign(orLatest: nil).fillDeadline == Day(year: 2026, month: 9, day: 25))
    }

    @Test func escOnATypedFormAsksFirst() throws {
        let m = try TUIDriver.demo()
        m.press(.char("2"), .char("d"), .escape)
        #expect(m.state.top.title == "Сроки")   // nothing typed: closes at once
        m.press(.char("d"), .ctrl("u")); m.type("01"); m.press(.escape)
        #expect(m.state.dialog?.title == "Закрыть форму")
        m.press(.char("n"))
        #expect(m.state.top.title == "Сроки этапов")
        m.press(.escape, .char("y"))
        #expect(m.state.top.title == "Сроки")
    }

    // MARK: - Extensions

    @Test func anExtensionNeedsAReasonAndTheReasonIsShownSafely() throws {
        let m = try TUIDriver.demo()
        let org = try Fixture.draftGeneral(m.workspace)
        m.press(.char("2"), .char("/")); m.type(org); m.press(.enter, .char("e"))
        #expect(m.state.top.title == "Продление срока")
        #expect(m.lines[1].hasPrefix(" \(org) · МБОУ"))
        #expect(row(m, containing: "Новый срок")?.contains("07.10.2026") == true)
        m.press(.enter)
        #expect(notes(m) == ["✗ укажите причину продления"])
        #expect(row(m, containing: "Причина")?.contains("✗ укажите причину") == true)
        #expect(try m.workspace.campaign(orLatest: nil).extensions[org] == nil)
        m.type("Ремонт кровли\u{1b}[2J\u{202E}, занятия отменены"); m.press(.enter)
        #expect(m.message == "Организации \(org) срок заполнения продлён до 07.10.2026")
        let c = try m.workspace.campaign(orLatest: nil)
        #expect(c.extensions[org] == Day(year: 2026, month: 10, day: 7))
        // Typed control characters never reach the file or the screen; the text does.
        #expect(c.extensionReason(for: org) == "Ремонт кровли[2J, занятия отменены")
        #expect(m.lines[3] == " \(org): продлено до 07.10.2026 — «Ремонт кровли[2J, занятия отменены»")
        #expect(isClean(m.canvas))
        // The card says it too.
        m.press(.enter)
        #expect(m.notice == "Только просмотр · срок продлён до 07.10.2026: «Ремонт кровли[2J, занятия отменены»")
        // «-» removes it (no reason needed).
        m.press(.char("e"), .ctrl("u")); m.type("-"); m.press(.tab, .ctrl("u"), .enter)
        #expect(m.message == "Продление \(org) снято")
        #expect(try m.workspace.campaign(orLatest: nil).extensions[org] == nil)
    }

    @Test func anExtensionNotAfterTheFillDeadlineIsRefusedBesideTheDate() throws {
        let m = try TUIDriver.demo()
        m.press(.char("2"), .char("e"), .ctrl("u")); m.type("30.09.2026"); m.press(.tab); m.type("Карантин"); m.press(.enter)
        #expect(notes(m) == ["✗ должен быть позже общего срока 30.09.2026"])
        #expect(row(m, containing: "Новый срок")?.contains("✗ должен быть позже") == true)
        #expect(m.state.top.title == "Продление срока")
    }

    // MARK: - People

    @Test func peopleAreListedAddedAndRevoked() throws {
        let m = try TUIDriver.demo()
        m.press(.char("0"))
        #expect(m.state.top.title == "Люди")
        #expect(m.lines[1] == " Доступ есть у 51: методистов 1, руководителей 48, экспертов 2 · отозван у 0")
        #expect(m.lines[2].hasPrefix(" Код          ФИО"))
        #expect(m.lines[3] == " metodist     Смирнова Е. В.        методист     —           есть")
        // Oneself cannot be revoked: the key says why, and is not offered.
        #expect(!m.lines[23].contains("Отозвать"))
        m.press(.char("r"))
        #expect(m.message == "нельзя отозвать собственный доступ")
        m.press(.char("a"))
        #expect(m.state.top.title == "Новый пользователь")
        m.type("../x")
        #expect(m.lines.contains { $0.contains("..x") })  // «/» is not taken
        m.press(.enter)
        #expect(notes(m).first == "✗ недопустимый код: латиница, цифры, - _ ., не с точки, до 64 знаков")
        m.press(.ctrl("u")); m.type("expert1"); m.press(.tab); m.type("Орлова Нина Ивановна"); m.press(.tab, .tab); m.type("sch-999")
        m.press(.enter)
        #expect(notes(m) == ["✗ код expert1 уже занят", "✗ нет такой организации"])
        #expect(row(m, containing: "Код (для входа)")?.contains("✗ код expert1 уже занят") == true)
        m.press(.ctrl("u")); m.type("orlova"); m.press(.tab, .tab, .tab, .ctrl("u")); m.type("sch-003")
        #expect(m.lines.contains { $0.contains("Организация: МБОУ") })
        m.press(.enter)
        #expect(m.message == "Добавлен пользователь orlova (руководитель): Орлова Нина Ивановна")
        #expect(m.state.top.title == "Люди")
        #expect(try m.workspace.person("orlova").org == "sch-003")
        // A reviewer needs no organisation.
        m.press(.char("a")); m.type("expert3"); m.press(.tab); m.type("Белов П. С."); m.press(.tab, .char(" "), .enter)
        #expect(try m.workspace.person("expert3") == Person(id: "expert3", name: "Белов П. С.", role: .reviewer))
        // Revoke the new principal.
        m.press(.char("/")); m.type("orlova"); m.press(.enter)
        #expect(m.lines[23].contains("r Отозвать"))
        m.press(.char("r"))
        #expect(m.state.dialog?.title == "Отозвать доступ")
        m.press(.char("y"))
        #expect(m.message.hasPrefix("Доступ пользователя orlova отозван"))
        #expect(try m.workspace.person("orlova").isActive == false)
        #expect(m.lines[3].contains("отозван 10.09.2026"))
        #expect(throws: StoreError.self) { try Session.open(m.workspace, as: "orlova", today: TUIDriver.today) }
    }

    // MARK: - Import

    @Test func aCP1251FileWithCommasIsPreviewedWithItsNamesAndImportedOnY() throws {
        let m = try TUIDriver.demo()
        let file = Fixture.tempDir("csv") + "/орги.csv"
        let text = "id,name,type,pupils,level\r\ndou-031,\"МБДОУ «Детский сад № 31 \"\"Журавушка\"\"»\",ДОО,140,\r\n"
        try #require(text.data(using: .windowsCP1251)).write(to: URL(fileURLWithPath: file))
        m.press(.char("1"), .char("i"))
        #expect(m.state.top.title == "Импорт организаций")
        m.type("/нет/такого.csv"); m.press(.enter)
        #expect(notes(m) == ["✗ Файла /нет/такого.csv нет"])
        #expect(m.message == "Файла /нет/такого.csv нет")
        m.press(.ctrl("u")); m.type(file); m.press(.enter)
        #expect(m.state.top.title == "Импорт: что изменится")
        #expect(m.lines[2] == " Новых: 1 · изменится: 0 · без изменений: 0")
        #expect(m.lines[4] == " dou-031 новая: МБДОУ «Детский сад № 31 \"Журавушка\"», ДОО, 140 уч.")
        #expect(try m.workspace.organisations().count == 48)  // nothing saved yet
        m.press(.char("y"))
        #expect(m.message == "Импорт выполнен: новых организаций 1, изменено 0")
        #expect(m.state.top.title == "Организации")
        #expect(try m.workspace.organisation("dou-031").name == "МБДОУ «Детский сад № 31 \"Журавушка\"»")
    }

    @Test func anImportThatRescoresCardsIsShownAndAskedAgain() throws {
        let m = try TUIDriver.demo()
        let school = try #require(try m.workspace.organisations().first { $0.type == .general && $0.schoolLevel == .secondary })
        let file = Fixture.tempDir("csv") + "/orgs.csv"
        try Data("\(school.id);\(school.name);general;\(school.pupils ?? 0);basic\nsch-900;Новая школа;ОО;120;основная\n".utf8)
            .write(to: URL(fileURLWithPath: file))
        m.press(.char("1"), .char("i")); m.type(file); m.press(.enter)
        #expect(m.lines[3] == " С пересчётом баллов уже заполненных карт (смена типа или кластера): 1")
        #expect(m.lines[7].hasPrefix(" пересчёт  \(school.id)") && m.lines[7].contains("уровень средняя→"))
        #expect(m.lines[8].hasPrefix(" новая     sch-900"))
        #expect(m.lines[4].hasPrefix(" \(school.id) было: МБОУ"))
        #expect(m.lines[5].hasPrefix(" станет: МБОУ") && m.lines[5].contains("основная"))
        #expect(isClean(m.canvas))
        m.press(.char("y"))
        #expect(m.state.dialog?.title == "Баллы карт будут пересчитаны")
        #expect(m.state.dialog?.lines.first?.contains("\(school.id) (2025-26)") == true)
        m.press(.char("n"))
        #expect(try m.workspace.organisation(school.id).schoolLevel == .secondary)
        m.press(.char("y"), .char("y"))
        #expect(m.message == "Импорт выполнен: новых организаций 1, изменено 1")
        #expect(try m.workspace.organisation(school.id).schoolLevel == .basic)
        let last = try #require(try m.workspace.journal.entries().last)
        #expect(last.action == "org.add" && last.actor == "metodist")
    }

    @Test func aBadLineIsNamedWithItsReasonAndNothingIsTaken() throws {
        let m = try TUIDriver.demo()
        let file = Fixture.tempDir("csv") + "/bad.csv"
        try Data("sch-901;Школа 901;general;300\nsch-902;Школа 902;school-ish;300\n".utf8).write(to: URL(fileURLWithPath: file))
        m.press(.char("1"), .char("i")); m.type(file); m.press(.enter)
        #expect(m.message.hasPrefix("Файл \(file), строка 2: тип должен быть ДОО, ОО или ДО"))
        #expect(m.state.message?.text.hasSuffix("ничего не импортировано") == true)
        #expect(m.state.top.title == "Импорт организаций")
        #expect(throws: StoreError.self) { try m.workspace.organisation("sch-901") }
    }

    @Test func aPreviewMadeStaleByAnotherImportIsRefused() throws {
        let m = try TUIDriver.demo()
        let file = Fixture.tempDir("csv") + "/orgs.csv"
        try Data("sch-900;Новая школа;ОО;120;основная\n".utf8).write(to: URL(fileURLWithPath: file))
        m.press(.char("1"), .char("i")); m.type(file); m.press(.enter)
        try Fixture.session(m.workspace, "metodist").importOrganisations([Organisation(id: "dou-090", name: "Д/с", type: .preschool)])
        m.press(.char("y"))
        #expect(m.message.hasPrefix("Список организаций уже изменил"))
        #expect(throws: StoreError.self) { try m.workspace.organisation("sch-900") }
    }

    // MARK: - Export

    /// Holds the export at its writing step until the test lets it go; writes a stand-in file, or fails as told.
    final class HeldExporter: WorkbookExporter, @unchecked Sendable {
        let gate = DispatchSemaphore(value: 0)
        let failure: ExportError?
        init(failing failure: ExportError? = nil) { self.failure = failure }

        func write(_ report: AnalyticsReport, to path: String, password: String?,
                   progress: @escaping ProgressReport) throws -> [String] {
            progress(WorkProgress("Запись строк в листы", done: 120, of: 360))
            _ = gate.wait(timeout: .now() + 30)
            if let failure { throw failure }
            try Data("PK".utf8).write(to: URL(fileURLWithPath: path))
            return report.ranking.clusters.map(\.kind.shortName) + ["Уровни"]
        }
    }

    @Test func theExportShowsItsProgressAndSaysWhereTheFileIs() throws {
        let exporter = HeldExporter()
        let m = try TUIDriver(try Fixture.demoWorkspace(), exporter: exporter)
        let dir = Fixture.tempDir("xlsx")
        m.press(.char("x"))
        #expect(m.state.top.title == "Выгрузка в Excel")
        #expect(row(m, containing: "Файл .xlsx")?.contains("~/profrost-2025-26.xlsx") == true)
        m.press(.ctrl("u")); m.type("\(dir)/итоги.xls"); m.press(.enter)
        #expect(notes(m) == ["✗ имя файла должно кончаться на .xlsx"])
        #expect(row(m, containing: "Файл .xlsx")?.contains("✗ имя файла") == true)
        m.press(.ctrl("u")); m.type("\(dir)/нет/итоги.xlsx"); m.press(.enter)
        #expect(notes(m) == ["✗ Папки «\(dir)/нет» нет"])
        #expect(m.message == "Папки «\(dir)/нет» нет")
        m.press(.ctrl("u")); m.type("\(dir)/итоги.xlsx"); m.press(.enter)
        #expect(m.state.progress != nil)
        // The box shows the step the work is at; the keys wait.
        let deadline = Date().addingTimeInterval(30)
        while !m.text.contains("Запись строк в листы: 120 из 360"), Date() < deadline { usleep(20_000); m.send(.tick) }
        #expect(m.text.contains("┌ Выгрузка в Excel"))
        #expect(m.text.contains("Запись строк в листы: 120 из 360"))
        #expect(m.lines[23].trimmingCharacters(in: .whitespaces) == "Идёт выгрузка в Excel…")
        m.press(.char("q"))
        #expect(m.state.dialog == nil && !m.quit)
        #expect(m.message == "Идёт выгрузка — дождитесь окончания")
        #expect(isClean(m.canvas))
        exporter.gate.signal()
        try m.waitForWork()
        #expect(m.message == "Результаты выгружены в \(dir)/итоги.xlsx (листы: ДОО, ОО, ДО, Уровни)")
        #expect(m.state.top.title == "Обзор кампании")
        #expect(FileManager.default.fileExists(atPath: "\(dir)/итоги.xlsx"))
        // Again to the same file: replaced only after a second Enter.
        m.press(.char("x"), .ctrl("u")); m.type("\(dir)/итоги.xlsx"); m.press(.enter)
        #expect(notes(m) == ["⚠ файл уже есть — Enter ещё раз заменит его"])
        #expect(row(m, containing: "Файл .xlsx")?.contains("⚠ файл уже есть") == true)
        #expect(m.state.progress == nil)
        m.press(.enter)
        exporter.gate.signal()
        try m.waitForWork()
        #expect(m.message.hasPrefix("Результаты выгружены"))
    }

    @Test func aFailedExportSaysWhyInRussianBesideThePath() throws {
        let exporter = HeldExporter(failing: ExportError(english: "libxlsxwriter could not be loaded",
                                                         russian: "Не удалось загрузить библиотеку libxlsxwriter для записи .xlsx"))
        exporter.gate.signal()
        let m = try TUIDriver(try Fixture.demoWorkspace(), exporter: exporter)
        let dir = Fixture.tempDir("xlsx")
        m.press(.char("3"), .char("x"), .ctrl("u")); m.type("\(dir)/r.xlsx"); m.press(.enter)
        try m.waitForWork()
        #expect(m.message == "Не удалось загрузить библиотеку libxlsxwriter для записи .xlsx")
        #expect(m.state.top.title == "Выгрузка в Excel")
        #expect(notes(m) == ["✗ Не удалось загрузить библиотеку libxlsxwriter для записи .xlsx"])
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/r.xlsx"))
    }

    @Test func withoutAnExporterTheExportSaysSo() throws {
        let m = try TUIDriver.demo()
        m.press(.char("x"), .ctrl("u")); m.type(Fixture.tempDir("xlsx") + "/r.xlsx"); m.press(.enter)
        #expect(m.message == "Выгрузка в Excel недоступна: программа собрана без записи .xlsx")
        #expect(m.state.progress == nil)
    }

    // MARK: - Keys on the bottom line and in the help

    @Test func everyNewKeyIsOnTheBottomLineAndInTheHelp() throws {
        let m = try TUIDriver.demo()
        #expect(m.lines[23] == "F1 Помощь  1-9, 0 Разделы  Enter Карта  x Excel  Tab Изменения  q, F10 Выход")
        m.press(.char("?"))
        #expect(m.text.contains("сроки этапов кампании"))
        #expect(m.text.contains("выгрузить результаты в Excel"))
        m.press(.escape, .char("2"))
        #expect(m.lines[23].contains("e Продлить") && m.lines[23].contains("d Даты"))
        m.press(.char("1"))
        #expect(m.lines[23].contains("i Импорт"))
        // A draft's card offers the extension and keeps the way back on the line; a submitted one, accept and return.
        m.press(.char("/")); m.type(try Fixture.draftGeneral(m.workspace)); m.press(.enter, .enter)
        #expect(m.lines[23] == "F1 Помощь  e Продлить  Tab Направление  F3 Профиль  Esc Назад  F10 Выход")
        m.press(.escape, .char("/"), .ctrl("u")); m.type("dou-006"); m.press(.enter, .enter)
        #expect(m.lines[23] == "F1 Помощь  F5 Принять  F8 Вернуть  Tab Направление  Esc Назад  F10 Выход")
        m.press(.escape)
        m.press(.char("0"))
        #expect(m.lines[23].contains("a Добавить"))
        m.press(.char("?"))
        #expect(m.text.contains("отозвать доступ выбранного"))
        m.press(.escape, .char("3"))
        #expect(!m.lines[23].contains("x Excel") && m.lines[23].contains("Esc Назад"))  // at 80 the way back needs the room
        m.press(.char("?"))
        #expect(m.text.contains("выгрузить результаты в Excel"))
        m.press(.escape, .char("x"))
        #expect(m.state.top.title == "Выгрузка в Excel")
        // A form's help lists what works in it: not the digits (they are typed) nor a second Esc.
        m.press(.function(1))
        #expect(m.text.contains("закрыть форму без сохранения") && m.text.contains("Любая клавиша — закрыть помощь"))
        #expect(!m.text.contains("разделы с любого экрана") && !m.text.contains("назад (также q)"))
    }
}
