import Foundation
import Model

/// Shared fixtures: temporary folders, the real templates, a demo workspace.
public enum Fixture {
    /// A new empty temporary folder, unique per call.
    public static func tempDir(_ name: String = "profrost") -> String {
        Watchdog.arm()
        let p = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        return p
    }

    /// The repository root (for data/ and the built binary).
    public static let repoRoot: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// The three templates of seed 002 as shipped in data/templates.
    public static func templates() throws -> [Template] { try BundledData.templates() }

    public static func template(_ type: OrgType) throws -> Template {
        guard let t = try templates().first(where: { $0.orgType == type }) else {
            throw StoreError.notFound(what: "template", id: type.rawValue)
        }
        return t
    }

    /// A demo workspace made on `today` in a new temp folder.
    public static func demoWorkspace(today: Day? = Day(year: 2026, month: 9, day: 10), orgs: Int = 48) throws -> Workspace {
        let root = tempDir("ws")
        guard let today else { throw StoreError.invalid(InputError("bad date", russian: "")) }
        return try DemoGenerator(organisations: orgs, years: 2, today: today).generate(at: root, templates: templates())
    }

    /// A session of `who` on 10.09.2026 (the demo's filling stage).
    public static func session(_ ws: Workspace, _ who: String) throws -> Session {
        guard let day = Day(year: 2026, month: 9, day: 10) else { throw StoreError.invalid(InputError("bad date", russian: "")) }
        return try Session.open(ws, as: who, today: day)
    }

    /// A general school whose current card is a draft (its principal may still fill it).
    public static func draftGeneral(_ ws: Workspace) throws -> String {
        guard let row = try ws.scoreRows(try ws.campaign(orLatest: nil)).first(where: { $0.status == .draft && $0.type == .general }) else {
            throw StoreError.notFound(what: "organisation", id: "draft general school")
        }
        return row.org
    }

    /// Every file under `root` with its bytes, to prove that nothing changed.
    public static func snapshot(_ root: String) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(atPath: root) else { return out }
        for case let rel as String in e {
            let p = (root as NSString).appendingPathComponent(rel)
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: p, isDirectory: &isDir), !isDir.boolValue {
                let data = FileManager.default.contents(atPath: p)
                // A lock file that names nobody is no state: it stays once made (see `FileLock`). One that names a
                // process is kept, so that a lock left held shows.
                if rel.hasSuffix(".lock"), data?.isEmpty == true { continue }
                out[rel] = data
            }
        }
        return out
    }
}
