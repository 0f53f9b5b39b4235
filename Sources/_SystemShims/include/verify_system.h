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

/// An anonymous in-memory file (memfd_create), close-on-exec and in append mode: the
/// worker's record file (the replies to its jobs and its probe records), readable
/// by the supervisor after the worker is gone.
/// -1 with errno set.
int vsys_record_file(void);

/// The capacity of the pipe `fd` in bytes, after asking for `wanted` bytes when that is
/// positive (the kernel may grant less, up to /proc/sys/fs/pipe-max-size for a user
/// without privileges). -1 with errno set if `fd` is not a pipe.
int vsys_pipe_capacity(int fd, int wanted);

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

// The worker's sandbox. Each call changes only the calling process (and what it starts
// afterwards); the worker makes them before its interpreter starts.

/// The resource limits a worker sets on itself, by verify's own names, so that Swift
/// need not spell glibc's `__rlimit_resource` enumeration.
typedef enum {
    VSYS_LIMIT_ADDRESS_SPACE,
    VSYS_LIMIT_CPU_SECONDS,
    VSYS_LIMIT_FILE_SIZE,
    VSYS_LIMIT_PROCESSES,
    VSYS_LIMIT_CORE_SIZE,
} vsys_limit;

/// The tasks (processes and threads) the real user of this process has now: what
/// RLIMIT_NPROC counts, so that a limit can be set relative to it.
int vsys_tasks_of_user(void);

/// setrlimit(2) with soft and hard values (UINT64_MAX is unlimited). 0 or -1 with errno.
int vsys_set_limit(vsys_limit limit, unsigned long long soft, unsigned long long hard);

/// Opens cgroup.procs of the cgroup at `path` for vsys_join_cgroup: a descriptor, or -1
/// with errno set. Opened before the file system is made read-only.
int vsys_open_cgroup(const char *path);

/// Moves this process into the cgroup whose cgroup.procs `procs` is (by writing its pid),
/// before it starts anything, so that all it starts is counted and found there; closes
/// `procs`. The kernel waits for an RCU grace period here (often 10–20 ms), so it is
/// done while the interpreter starts. 0 or -1 with errno set.
int vsys_join_cgroup(int procs);

/// PR_SET_CHILD_SUBREAPER: a process that double-forks and leaves its parent (a daemon)
/// becomes this worker's child instead of init's, so it can still be found and killed.
int vsys_become_subreaper(void);

/// unshare(2) of a user namespace in which this user keeps its own uid and gid, which
/// gives an unprivileged process the right to make the namespaces below. Must be called
/// while the process has a single thread. 0 or -1 with errno.
int vsys_enter_user_namespace(void);

/// unshare(2) of a network namespace, with its loopback interface brought up: a snippet
/// can still serve and connect on 127.0.0.1 and ::1, and reaches nothing else. 0 or -1.
int vsys_enter_network_namespace(void);

/// unshare(2) of a mount namespace in which every mount is read-only except `writable`
/// (each bind-mounted onto itself first) and /dev/shm (POSIX semaphores live there), and
/// with `hide_run` /run is an empty tmpfs (so no daemon's socket is reachable). Nothing
/// propagates back to the host. 0, or -1 with errno at the first step that failed.
int vsys_enter_read_only_namespace(const char *const writable[], int count, int hide_run);

/// Drops every capability, from the bounding set too, so that neither this process nor
/// any program it starts (root's included) can undo the namespaces: remount `/`
/// read-write, enter another namespace, raise a hard limit, leave its cgroup. Called
/// once the sandbox is made. 0 or -1 with errno set.
int vsys_drop_capabilities(void);

/// Mounts a tmpfs of at most `bytes` on `path`, inside the mount namespace made above:
/// the worker's folder then cannot fill the host's disk or memory, and it goes away with
/// the worker. 0 or -1 with errno set.
int vsys_mount_box(const char *path, unsigned long long bytes);

#ifdef __cplusplus
}
#endif
#endif
