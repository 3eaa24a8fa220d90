// System calls that Swift's Glibc module does not bring (glibc declares them only under _GNU_SOURCE).
#include <fcntl.h>
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/fs.h>

// Swaps two paths atomically (renameat2(2) with RENAME_EXCHANGE); both must exist. -1 with errno on failure
// (EINVAL or ENOSYS where the file system or kernel cannot).
static inline int profrost_exchange(const char *a, const char *b) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}
