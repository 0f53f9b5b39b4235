#ifndef VERIFY_SYSTEM_H
#define VERIFY_SYSTEM_H

#include <sys/types.h>

// System calls Swift's Glibc module does not export (pipe2, pidfd_open) or that are
// clearer in C (posix_spawn with a new session and an explicit descriptor map).

#ifdef __cplusplus
extern "C" {
#endif

/// pipe2(2) with O_CLOEXEC. Returns 0 or -1 with errno set.
int vsys_pipe_cloexec(int fds[2]);

/// pidfd_open(2): a descriptor that becomes readable when `pid` exits. -1 and errno on failure.
int vsys_pidfd_open(pid_t pid);

/// Starts `path` in a new session (so its whole process group can be killed) with
/// descriptors 0..<count of the child taken from `child_fds` and every other one closed,
/// an empty signal mask and default signal dispositions. Returns 0 or an errno value.
int vsys_spawn(const char *path, char *const argv[], char *const envp[],
               const int *child_fds, int count, pid_t *pid);

/// Asks the kernel to SIGKILL this process when the thread that started it exits, so a
/// worker never outlives a supervisor that was killed. Returns 0 or -1 with errno set.
int vsys_die_with_parent(void);

/// Sets O_NONBLOCK on `fd`. Returns 0 or -1 with errno set.
int vsys_set_nonblocking(int fd);

#ifdef __cplusplus
}
#endif
#endif
