import Foundation
import ChildProcess
#if canImport(Glibc)
import Glibc
#endif

/// A program on a pseudo-terminal of its own, as an SSH server starts a session: a new session (setsid) whose
/// controlling terminal is the pty's slave. The bench keeps the master, non-blocking: what it writes is typed,
/// what it reads is what the terminal would show.
struct PtyChild {
    let pid: pid_t
    let master: Int32

    /// Starts `exe args…` on a new rows×cols pty; nil when the pty or the process cannot be made.
    static func start(_ exe: String, _ args: [String], env: [String: String], rows: Int, cols: Int) -> PtyChild? {
        // posix_openpt, unlockpt and ptsname as Linux does them (Swift's Glibc module leaves them out): open the
        // multiplexer, clear the slave's lock (TIOCSPTLCK), ask its number (TIOCGPTN).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { return nil }
        var unlock: Int32 = 0, number: UInt32 = 0
        let tiocsptlck: UInt = 0x4004_5431, tiocgptn: UInt = 0x8004_5430
        guard ioctl(master, tiocsptlck, &unlock) == 0, ioctl(master, tiocgptn, &number) == 0 else {
            close(master); return nil
        }
        let name = "/dev/pts/\(number)"
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(cols), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        guard let pid = try? Child.spawn(exe, args, environment: env, terminal: name) else { close(master); return nil }
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        return PtyChild(pid: pid, master: master)
    }

    /// Types `bytes` (a key or its escape sequence) in one write.
    func type(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) } == bytes.count
    }

    /// Everything the program has written so far (without waiting); nil once the other side is gone.
    func drain() -> [UInt8]? {
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = read(master, &buf, buf.count)
            if n > 0 { out += buf[0..<n]; continue }
            if n < 0 && (errno == EAGAIN || errno == EINTR) { return out }
            return out.isEmpty ? nil : out  // EIO: the slave side is closed
        }
    }

    /// Hangs up every session (as dropped SSH connections do) and reaps the processes, killing those still there
    /// after 5 s; how many had to be killed.
    @discardableResult
    static func hangUp(_ children: [PtyChild]) -> Int {
        for c in children { close(c.master) }
        var left = Set(children.map(\.pid))
        let deadline = Date().addingTimeInterval(5)
        while !left.isEmpty && Date() < deadline {
            var status: Int32 = 0
            let r = waitpid(-1, &status, WNOHANG)
            if r > 0 { left.remove(r) } else { usleep(10_000) }
        }
        for pid in left { kill(pid, SIGKILL) }
        for pid in left { var status: Int32 = 0; while waitpid(pid, &status, 0) < 0 && errno == EINTR {} }
        return left.count
    }
}
