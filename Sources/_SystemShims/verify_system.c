#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "verify_system.h"

int vsys_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int vsys_pidfd_open(pid_t pid) { return (int)syscall(SYS_pidfd_open, pid, 0); }

int vsys_die_with_parent(void) { return prctl(PR_SET_PDEATHSIG, SIGKILL); }

int vsys_set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) return -1;
    return fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

int vsys_spawn(const char *path, char *const argv[], char *const envp[],
               const int *child_fds, int count, pid_t *pid) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    int result = posix_spawn_file_actions_init(&actions);
    if (result) return result;
    result = posix_spawnattr_init(&attributes);
    if (result) { posix_spawn_file_actions_destroy(&actions); return result; }

    // dup2 clears FD_CLOEXEC on the target; a source equal to its target would keep
    // the flag, so every source is first moved above all of them, then into place.
    int base = count;
    for (int i = 0; i < count; i++)
        if (child_fds[i] >= base) base = child_fds[i] + 1;
    for (int i = 0; i < count && !result; i++)
        result = posix_spawn_file_actions_adddup2(&actions, child_fds[i], base + i);
    for (int i = 0; i < count && !result; i++)
        result = posix_spawn_file_actions_adddup2(&actions, base + i, i);
    if (!result) result = posix_spawn_file_actions_addclosefrom_np(&actions, count);

    sigset_t empty, all;
    sigemptyset(&empty);
    sigfillset(&all);
    if (!result) result = posix_spawnattr_setsigmask(&attributes, &empty);
    if (!result) result = posix_spawnattr_setsigdefault(&attributes, &all);
    if (!result) result = posix_spawnattr_setflags(&attributes,
        POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    if (!result) result = posix_spawn(pid, path, &actions, &attributes, argv, envp);

    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    return result;
}
