import ArgumentParser
import Foundation
import Model

/// `profrost init [--demo]`: a new workspace.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Создать рабочую папку (с --demo — с вымышленным муниципалитетом).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Заполнить вымышленным муниципалитетом: 48 организаций, пользователи, две кампании.") var demo = false
    @Option(help: "Название муниципалитета или отдела образования.") var name = "Отдел образования"
    @Option(help: "Код методиста, который создаётся вместе с рабочей папкой.") var methodist = "metodist"
    @Option(help: "ФИО методиста.") var methodistName = "Методист"

    func run() throws {
        let root = global.dataDirectory()
        let today = try global.day()
        let templates = try BundledData.templates()
        if demo {
            try DemoGenerator(today: today).generate(at: root, templates: templates, programmes: try BundledData.programmes())
        } else {
            let ws = try Workspace.create(at: root, name: name, templates: templates, actor: methodist,
                                          methodist: Person(id: methodist, name: methodistName, role: .methodist))
            let session = try Session.open(ws, as: methodist, today: today)
            for p in try BundledData.programmes() { try session.addTemplate(.programme(p)) }
            try CampaignSetup.create(ws, period: DemoGenerator.currentPeriod(on: today), templates: templates, actor: methodist)
        }
        Output.print("Рабочая папка создана: \(root)")
    }
}

enum CampaignSetup {
    /// A campaign with the default deadlines of seed 002 and the given templates pinned by sha256.
    static func create(_ ws: Workspace, period: String, templates: [Template], actor: String) throws {
        var refs: [String: TemplateRef] = [:]
        for t in templates { refs[t.orgType.rawValue] = TemplateRef(id: t.id, sha256: Hashing.sha256(try JSONFiles.encode(t))) }
        let campaign = try Campaign(period: period, templates: refs)
        try ws.update(Campaign.self, at: ws.campaignPath(period), actor: actor, initial: { campaign }) { c in
            [Change("campaign.create", target: "campaign:\(period)", after: .from(c))]
        }
    }
}

/// Opens the default workspace, creating it as the demo when it does not exist yet (never inside the repository).
enum DefaultWorkspace {
    static func ensure(_ global: GlobalOptions) throws {
        let root = global.dataDirectory()
        guard !FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent("workspace.json")) else { return }
        guard global.isDefaultLocation else { throw StoreError.noWorkspace(path: root) }
        Output.warn("profrost: рабочей папки ещё нет; создаю демонстрационный муниципалитет в \(root)")
        try DemoGenerator(today: try global.day()).generate(at: root, templates: try BundledData.templates(),
                                                             programmes: try BundledData.programmes())
    }
}
