import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finishing what a killed or crashed writer left behind, when a workspace is opened.
extension Workspace {
    /// The kind of document a workspace-relative path holds, for the files whose saves can be interrupted.
    /// nil for a path profrost does not write through `update` (its pending file is then finished by the next
    /// save of that file, which knows the type).
    static func documentType(of rel: String) -> (any Revisioned.Type)? {
        let parts = rel.split(separator: "/").map(String.init)
        switch parts.count {
        case 1:
            switch parts[0] {
            case "workspace.json": return WorkspaceInfo.self
            case "organisations.json": return OrganisationList.self
            case "people.json": return PeopleList.self
            case "decisions.json": return DecisionList.self
            default: return nil
            }
        case 2 where parts[0] == "programmes" && parts[1].hasSuffix(".json"): return Programme.self
        case 3 where parts[0] == "campaigns" && parts[2] == "report.json": return ReportApproval.self
        case 3 where parts[0] == "campaigns" && parts[2] == "campaign.json": return Campaign.self
        case 4 where parts[0] == "campaigns" && parts[2] == "cards" && parts[3].hasSuffix(".json"): return ExpertCard.self
        case 4 where parts[0] == "campaigns" && parts[2] == "recommendations" && parts[3].hasSuffix(".json"):
            return RecommendationOverrides.self
        case 4 where parts[0] == "campaigns" && parts[2] == "monitorings" && parts[3].hasSuffix(".json"):
            return Monitoring.self
        default: return nil
        }
    }

    /// Rolls every interrupted save forward or back (see `update`), each under its file's lock, and removes temp
    /// files whose writer is gone. Quick when there is nothing to do (one small folder is listed). Failures are
    /// left for the next save of that file, which recovers it under its lock before anything else.
    /// Returns one line per file recovered.
    @discardableResult
    public func recoverInterrupted(actor: String = "profrost") -> [String] {
        var done: [String] = []
        let dir = path("pending")
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() {
            guard let rel = Self.pendingTarget(name), let type = Self.documentType(of: rel) else { continue }
            let target = path(rel)
            guard let lock = try? FileLock.acquire(target + ".lock", timeout: 0.5) else { continue }
            defer { lock.release() }
            if let what = try? recoverPending(type, at: target, actor: actor) { done.append("\(rel): \(what)") }
        }
        sweepTemporaryFiles(in: [root] + ((try? FileManager.default.contentsOfDirectory(atPath: path("campaigns"))) ?? [])
                                .map { path("campaigns", $0) })
        return done
    }

    /// Removes `<file>.tmp.<pid>[.<n>]` files of writers that are no longer running (or that are over an hour old).
    func sweepTemporaryFiles(in dirs: [String]) {
        let now = Date()
        for dir in dirs {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
                guard let pid = Self.temporaryFileOwner(name) else { continue }
                let file = (dir as NSString).appendingPathComponent(name)
                let age = ((try? FileManager.default.attributesOfItem(atPath: file))?[.modificationDate] as? Date)
                    .map { now.timeIntervalSince($0) } ?? 0
                if !FileLock.isAlive(pid) || age > 3600 { unlink(file) }
            }
        }
    }

    /// The pid in a temp file's name `x.json.tmp.<pid>` or `x.txt.tmp.<pid>.<n>`, else nil.
    static func temporaryFileOwner(_ name: String) -> Int32? {
        guard let r = name.range(of: ".tmp.") else { return nil }
        let rest = name[r.upperBound...].split(separator: ".")
        guard let first = rest.first, rest.count <= 2, rest.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return nil }
        return Int32(first)
    }
}
