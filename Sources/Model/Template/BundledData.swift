import Foundation

/// Finds the regulation's data shipped with profrost (`data/templates`, `data/recommendations.json`).
///
/// Looked up, in order: `$PROFROST_SHARE`; `<executable>/../share/profrost` (an installed copy);
/// the repository's `data/` next to these sources (for `swift run`). A workspace keeps frozen copies of
/// what it uses, so only `init` needs this.
public enum BundledData {
    public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        var candidates: [String] = []
        if let s = environment["PROFROST_SHARE"], !s.isEmpty { candidates.append(s) }
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(exe.appendingPathComponent("../share/profrost").standardized.path)
        // Sources/Model/Template/BundledData.swift → repository root.
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("data")
        candidates.append(repo.path)
        for c in candidates where FileManager.default.fileExists(atPath: (c as NSString).appendingPathComponent("templates")) {
            return c
        }
        throw StoreError.io(path: candidates.joined(separator: ", "),
                            reason: "profrost's data (templates) not found; set PROFROST_SHARE to the folder holding templates/")
    }

    /// The three expert cards of seed 002, as printed.
    public static func templates() throws -> [Template] {
        let dir = (try directory() as NSString).appendingPathComponent("templates")
        return try OrgType.allCases.map { t in
            let p = (dir as NSString).appendingPathComponent("\(t.rawValue).json")
            guard let data = try AtomicFile.read(p) else { throw StoreError.notFound(what: "template", id: p) }
            return try JSONFiles.decode(Template.self, from: data, path: p)
        }
    }
}
