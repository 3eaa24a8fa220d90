import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Child processes for the bench, with posix_spawn and waitpid.
///
/// Not Foundation's `Process`: its `waitUntilExit` never returned for a tmux client whose forked server
/// lives on (seen with swift-corelibs-foundation on Linux), and spawning directly costs less, which matters
/// when a figure is the wall time of a short process.
enum Spawn {
    struct Outcome {
        var status: Int32
        var output: String
        var error: String
    }

    /// Runs `exe args…` with `env`, stdin from /dev/null; waits for it. stdout and stderr are captured when
    /// `capture` (stdout only if `keepOutput`, else it goes to /dev/null), else discarded. nil when it cannot start.
    static func run(_ exe: String, _ args: [String], env: [String: String], capture: Bool = true,
                    keepOutput: Bool = true) -> Outcome? {
        var out: [Int32] = [-1, -1], err: [Int32] = [-1, -1]
        if capture {
            guard pipe(&out) == 0 else { return nil }
            guard pipe(&err) == 0 else { close(out[0]); close(out[1]); return nil }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capture {
            if keepOutput { posix_spawn_file_actions_adddup2(&actions, out[1], 1) } else {
                posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            }
            posix_spawn_file_actions_adddup2(&actions, err[1], 2)
            for fd in out + err { posix_spawn_file_actions_addclose(&actions, fd) }
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        let argv = ([exe] + args).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, exe, &actions, nil, argv, envp)
        if capture { close(out[1]); close(err[1]) }
        guard rc == 0 else {
            if capture { close(out[0]); close(err[0]) }
            return nil
        }
        var output = Data(), error = Data()
        if capture {
            // Drain both pipes together, so that a chatty stderr cannot block the child.
            var fds = [pollfd(fd: out[0], events: Int16(POLLIN), revents: 0), pollfd(fd: err[0], events: Int16(POLLIN), revents: 0)]
            var open = 2
            var buf = [UInt8](repeating: 0, count: 65536)
            while open > 0 {
                guard poll(&fds, 2, -1) >= 0 || errno == EINTR else { break }
                for i in 0..<2 where fds[i].fd >= 0 && fds[i].revents != 0 {
                    let n = read(fds[i].fd, &buf, buf.count)
                    if n > 0 {
                        if i == 0 { output.append(contentsOf: buf[0..<n]) } else { error.append(contentsOf: buf[0..<n]) }
                    } else if n == 0 || errno != EINTR {
                        close(fds[i].fd); fds[i].fd = -1; open -= 1
                    }
                }
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7f == 0
        return Outcome(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
                       output: String(decoding: output, as: UTF8.self), error: String(decoding: error, as: UTF8.self))
    }

    /// Starts `exe args…` without waiting; its stdout goes to `outputPath`. Returns its pid.
    static func start(_ exe: String, _ args: [String], env: [String: String], outputPath: String) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, outputPath + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([exe] + args).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var pid = pid_t()
        return posix_spawn(&pid, exe, &actions, nil, argv, envp) == 0 ? pid : nil
    }

    /// Waits for a started child; its exit status (128 + signal when killed).
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
