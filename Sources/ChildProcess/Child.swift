import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Child processes for the bench and the tests: started with `posix_spawn`, given nothing of ours but what we
/// pass, and waited for with a deadline.
///
/// Why not swift-subprocess (which the tests use to run the product binary) or Foundation's `Process`:
/// - the tmux drivers (tests' `TUIPane`, the bench's sessions) are synchronous loops, and swift-subprocess is
///   async only; blocking a cooperative thread on a Task that needs one deadlocks on a 2-core machine;
/// - Foundation's `waitUntilExit` never returned for a tmux client whose forked server lives on;
/// - a tmux server (a daemon) keeps every descriptor it inherits, and sshd's sessions keep stdout: a pipe of one
///   test that leaked into another test's tmux server never reached end-of-file, the reading test blocked its
///   cooperative thread, and the whole run hung (CI, session 3). So every pipe here is `O_CLOEXEC`, every child
///   closes all descriptors above 2 (`posix_spawn_file_actions_addclosefrom_np`, looked up at run time because
///   Swift's Glibc module does not export it), every wait has a deadline, and a child that overstays is killed
///   with its whole session.
public enum Child {
    public struct Outcome: Sendable {
        /// The exit code, or 128 + the signal that ended it.
        public var status: Int32
        /// What it wrote to stdout, as bytes (exports are checked byte by byte) and as text.
        public var outputData: Data
        public var output: String { String(decoding: outputData, as: UTF8.self) }
        public var error: String
        /// The deadline passed and the child (and its session) was killed.
        public var timedOut: Bool
        public var succeeded: Bool { status == 0 && !timedOut }
    }

    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `exe args…` and waits at most `timeout` seconds. stdin is /dev/null; stdout and stderr are captured
    /// (stdout only when `keepOutput`, else /dev/null). `environment` nil inherits ours. The child gets a
    /// session of its own, so that it and whatever it starts can be killed together.
    public static func run(_ exe: String, _ args: [String], environment: [String: String]? = nil,
                           workingDirectory: String? = nil, timeout: Double = 120,
                           keepOutput: Bool = true) throws -> Outcome {
        var out: [Int32] = [-1, -1], err: [Int32] = [-1, -1]
        guard closingPipe(&out) else { throw StartError(description: "pipe: \(errno)") }
        guard closingPipe(&err) else {
            close(out[0]); close(out[1])
            throw StartError(description: "pipe: \(errno)")
        }
        let pid: pid_t
        do {
            pid = try spawn(exe, args, environment: environment, workingDirectory: workingDirectory,
                            stdout: keepOutput ? .fd(out[1]) : .path("/dev/null"), stderr: .fd(err[1]))
        } catch {
            for fd in out + err { close(fd) }
            throw error
        }
        close(out[1]); close(err[1])
        let started = Date()
        Running.shared.add(pid, ([exe] + args).joined(separator: " "), started)
        defer { Running.shared.remove(pid) }
        let deadline = started.addingTimeInterval(timeout)
        var output = Data(), errors = Data(), timedOut = false
        var fds = [pollfd(fd: out[0], events: Int16(POLLIN), revents: 0),
                   pollfd(fd: err[0], events: Int16(POLLIN), revents: 0)]
        var open = 2
        var buffer = [UInt8](repeating: 0, count: 65536)
        while open > 0 {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { timedOut = true; break }
            let ready = poll(&fds, 2, Int32(min(left, 1) * 1000))
            if ready < 0 && errno != EINTR { break }
            for i in 0..<2 where fds[i].fd >= 0 && fds[i].revents != 0 {
                let n = read(fds[i].fd, &buffer, buffer.count)
                if n > 0 {
                    if i == 0 { output.append(contentsOf: buffer[0..<n]) } else { errors.append(contentsOf: buffer[0..<n]) }
                } else if n == 0 || errno != EINTR {
                    close(fds[i].fd); fds[i].fd = -1; open -= 1
                }
            }
        }
        for f in fds where f.fd >= 0 { close(f.fd) }
        var status = wait(pid, timeout: timedOut ? 0 : max(deadline.timeIntervalSinceNow, 0))
        if status == nil {
            timedOut = true
            status = stop(pid)
        }
        return Outcome(status: status ?? 128 + SIGKILL, outputData: output,
                       error: String(decoding: errors, as: UTF8.self), timedOut: timedOut)
    }

    /// Where a started child's stdout or stderr goes.
    public enum Sink {
        case fd(Int32)
        case path(String)
    }

    /// Starts `exe args…` in a session of its own with stdin from /dev/null and only fds 0–2 open; its pid.
    public static func spawn(_ exe: String, _ args: [String], environment: [String: String]? = nil,
                             workingDirectory: String? = nil, stdout: Sink, stderr: Sink) throws -> pid_t {
        try spawn(exe, args, environment: environment, workingDirectory: workingDirectory) { actions in
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            for (target, sink) in [(Int32(1), stdout), (Int32(2), stderr)] {
                switch sink {
                case .fd(let fd): posix_spawn_file_actions_adddup2(&actions, fd, target)
                case .path(let p): posix_spawn_file_actions_addopen(&actions, target, p, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                }
            }
        }
    }

    /// Starts `exe args…` on the terminal `tty` (a pty's slave, by path): after the new session, opening it makes
    /// it the child's controlling terminal, as a login does.
    public static func spawn(_ exe: String, _ args: [String], environment: [String: String]? = nil,
                             terminal tty: String) throws -> pid_t {
        try spawn(exe, args, environment: environment, workingDirectory: nil) { actions in
            posix_spawn_file_actions_addopen(&actions, 0, tty, O_RDWR, 0)
            posix_spawn_file_actions_adddup2(&actions, 0, 1)
            posix_spawn_file_actions_adddup2(&actions, 0, 2)
        }
    }

    private static func spawn(_ exe: String, _ args: [String], environment: [String: String]?, workingDirectory: String?,
                              stdio: (inout posix_spawn_file_actions_t) -> Void) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        stdio(&actions)
        guard let closeFrom = addCloseFrom, closeFrom(&actions, 3) == 0 else {
            throw StartError(description: "posix_spawn_file_actions_addclosefrom_np is missing (glibc 2.34 or newer is needed)")
        }
        if let dir = workingDirectory, addChdir?(&actions, dir) != 0 {
            throw StartError(description: "cannot change to \(dir) in the child")
        }
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attr, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGHUP, SIGINT, SIGTERM, SIGPIPE, SIGQUIT, SIGCHLD] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF) | spawnSetSID)
        let argv = ([exe] + args).map { strdup($0) } + [nil]
        let envp = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, exe, &actions, &attr, argv, envp)
        guard rc == 0 else { throw StartError(description: "cannot run \(exe): \(String(cString: strerror(rc)))") }
        return pid
    }

    /// Waits for a child at most `timeout` seconds; its status (128 + signal when killed), nil if still running.
    public static func wait(_ pid: pid_t, timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        var pause: useconds_t = 50  // a child that closed its output is usually exiting: look again soon
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { return exitCode(status) }
            if r < 0 && errno != EINTR { return 128 + SIGKILL }  // not ours any more (reaped elsewhere)
            if Date() >= deadline { return nil }
            usleep(pause)
            pause = min(pause * 2, 5_000)
        }
    }

    /// Waits for a child with no deadline (the bench's writers, which end by themselves or are killed).
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return exitCode(status)
    }

    /// The exit code of a waitpid status, or 128 + the signal that ended the process.
    private static func exitCode(_ status: Int32) -> Int32 {
        status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Kills a child with its session and waits for it (at most 10 s); its status, nil if it still did not end.
    @discardableResult
    public static func stop(_ pid: pid_t) -> Int32? {
        killSession(pid)
        return wait(pid, timeout: 10)
    }

    /// SIGKILL to the child's session (its process group: `spawn` makes the child a session leader).
    public static func killSession(_ pid: pid_t) {
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
    }

    /// glibc's POSIX_SPAWN_SETSID (not exported to Swift).
    private static let spawnSetSID: Int16 = 0x80

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias Chdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32

    private static let addCloseFrom: CloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
    private static let pipe2: Pipe2? = symbol("pipe2")

    /// A pipe whose ends close on exec (atomically with glibc's pipe2, which Swift's Glibc module does not export).
    private static func closingPipe(_ fds: inout [Int32]) -> Bool {
        if let pipe2 { return pipe2(&fds, O_CLOEXEC) == 0 }
        guard pipe(&fds) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }
    private static let addChdir: Chdir? = symbol("posix_spawn_file_actions_addchdir_np")

    private static func symbol<T>(_ name: String) -> T? {
        guard let p = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(p, to: T.self)
    }

    /// The children `run` is waiting for now, longest first: "pid 123, 45 s: tmux -L … send-keys …".
    /// The tests' watchdog prints them when a run overstays.
    public static var waitedFor: [String] { Running.shared.list() }
}

/// The children being waited for (for diagnostics), under a lock: tests run in parallel.
private final class Running: @unchecked Sendable {
    static let shared = Running()
    private let lock = NSLock()
    private var children: [pid_t: (command: String, since: Date)] = [:]

    func add(_ pid: pid_t, _ command: String, _ since: Date) {
        lock.lock(); defer { lock.unlock() }
        children[pid] = (String(command.prefix(300)), since)
    }

    func remove(_ pid: pid_t) {
        lock.lock(); defer { lock.unlock() }
        children[pid] = nil
    }

    func list() -> [String] {
        lock.lock(); defer { lock.unlock() }
        return children.sorted { $0.value.since < $1.value.since }
            .map { "pid \($0.key), \(Int(-$0.value.since.timeIntervalSinceNow)) s: \($0.value.command)" }
    }
}
