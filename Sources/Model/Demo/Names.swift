import Foundation

/// Russian names for the fictional municipality of the demo.
enum Names {
    static let surnames = ["Иванова", "Петрова", "Сидорова", "Козлова", "Новикова", "Морозова", "Павлова", "Соколова",
                           "Лебедева", "Егорова", "Орлова", "Андреева", "Макарова", "Никитина", "Захарова", "Зайцева",
                           "Белова", "Медведева", "Антонова", "Тарасова", "Жукова", "Баранова", "Филиппова", "Комарова"]
    static let given = ["Анна", "Мария", "Елена", "Ольга", "Татьяна", "Наталья", "Ирина", "Светлана", "Юлия", "Галина",
                        "Людмила", "Марина", "Вера", "Надежда", "Оксана"]
    static let patronymics = ["Александровна", "Сергеевна", "Владимировна", "Николаевна", "Ивановна", "Петровна",
                              "Андреевна", "Викторовна", "Михайловна", "Юрьевна"]
    static let kindergartenNames = ["Солнышко", "Ромашка", "Берёзка", "Колокольчик", "Радуга", "Теремок", "Звёздочка",
                                    "Сказка", "Ласточка", "Родничок", "Золотой ключик", "Улыбка"]
    static let centres = ["Центр детского творчества", "Дом детского творчества", "Детско-юношеская спортивная школа",
                          "Станция юных техников", "Центр дополнительного образования", "Детская школа искусств"]

    static func person(_ rng: inout SeededRandom) -> String {
        "\(rng.pick(surnames)) \(rng.pick(given)) \(rng.pick(patronymics))"
    }
    static func kindergarten(_ n: Int, _ rng: inout SeededRandom) -> String {
        "МБДОУ «Детский сад № \(n) „\(rng.pick(kindergartenNames))“»"
    }
    static func school(_ n: Int, basic: Bool, _ rng: inout SeededRandom) -> String {
        basic ? "МБОУ «Основная общеобразовательная школа № \(n)»" : "МБОУ «Средняя общеобразовательная школа № \(n)»"
    }
    static func centre(_ n: Int, _ rng: inout SeededRandom) -> String { "МБУ ДО «\(rng.pick(centres)) № \(n)»" }

    static func evidence(for ind: Indicator, day: Day, _ rng: inout SeededRandom) -> Evidence {
        let doc: String
        if ind.evidenceSource.hasPrefix("Приказ") || ind.evidenceSource.hasPrefix("Распорядительный") { doc = "Приказ" }
        else if ind.evidenceSource.hasPrefix("Статист") { doc = "Справка МБУ МИМЦ" }
        else if ind.evidenceSource.contains("ссылки") { doc = "Ссылка на публикацию на сайте ОО" }
        else if ind.evidenceSource.hasPrefix("Материалы самообследования") { doc = "Отчёт о самообследовании" }
        else { doc = rng.pick(["Сертификат участника", "Диплом", "Удостоверение о повышении квалификации", "Грамота"]) }
        return Evidence(document: doc, number: "\(rng.int(1...250))-од", date: day.russian)
    }
}
