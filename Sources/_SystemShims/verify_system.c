#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <dirent.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/mount.h>
#include "verify_system.h"

int vsys_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int vsys_pidfd_open(pid_t pid) { return (int)syscall(SYS_pidfd_open, pid, 0); }

int vsys_die_with_parent(void) { return prctl(PR_SET_PDEATHSIG, SIGKILL); }

int vsys_set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) return -1;
    return fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

int vsys_pipe_capacity(int fd, int wanted) {
    if (wanted > 0) (void)fcntl(fd, F_SETPIPE_SZ, wanted);
    return fcntl(fd, F_GETPIPE_SZ);
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

int vsys_set_limit(vsys_limit limit, unsigned long long soft, unsigned long long hard) {
    int resource;
    switch (limit) {
    case VSYS_LIMIT_ADDRESS_SPACE: resource = RLIMIT_AS; break;
    case VSYS_LIMIT_CPU_SECONDS: resource = RLIMIT_CPU; break;
    case VSYS_LIMIT_FILE_SIZE: resource = RLIMIT_FSIZE; break;
    case VSYS_LIMIT_PROCESSES: resource = RLIMIT_NPROC; break;
    case VSYS_LIMIT_CORE_SIZE: resource = RLIMIT_CORE; break;
    default: errno = EINVAL; return -1;
    }
    struct rlimit value = {
        .rlim_cur = soft == UINT64_MAX ? RLIM_INFINITY : (rlim_t)soft,
        .rlim_max = hard == UINT64_MAX ? RLIM_INFINITY : (rlim_t)hard,
    };
    return setrlimit(resource, &value);
}

int vsys_tasks_of_user(void) {
    uid_t uid = getuid();
    DIR *proc = opendir("/proc");
    if (!proc) return 0;
    int tasks = 0;
    struct dirent *entry;
    while ((entry = readdir(proc))) {
        if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
        char path[64];
        struct stat info;
        snprintf(path, sizeof path, "/proc/%s", entry->d_name);
        if (stat(path, &info) != 0 || info.st_uid != uid) continue;
        snprintf(path, sizeof path, "/proc/%s/task", entry->d_name);
        DIR *threads = opendir(path);
        if (!threads) { tasks++; continue; }
        struct dirent *thread;
        while ((thread = readdir(threads)))
            if (thread->d_name[0] != '.') tasks++;
        closedir(threads);
    }
    closedir(proc);
    return tasks;
}

int vsys_record_file(void) {
    int fd = memfd_create("verify-records", MFD_CLOEXEC);
    if (fd < 0) return -1;
    if (fcntl(fd, F_SETFL, O_APPEND) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

int vsys_become_subreaper(void) { return prctl(PR_SET_CHILD_SUBREAPER, 1); }

static int write_text(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t length = (ssize_t)strlen(text);
    ssize_t written = write(fd, text, (size_t)length);
    int saved = errno;
    close(fd);
    errno = saved;
    return written == length ? 0 : -1;
}

int vsys_open_cgroup(const char *path) {
    char file[4096];
    if (snprintf(file, sizeof file, "%s/cgroup.procs", path) >= (int)sizeof file) { errno = ENAMETOOLONG; return -1; }
    return open(file, O_WRONLY | O_CLOEXEC);
}

int vsys_join_cgroup(int procs) {
    char pid[32];
    int length = snprintf(pid, sizeof pid, "%d\n", (int)getpid());
    ssize_t written = write(procs, pid, (size_t)length);
    int saved = errno;
    close(procs);
    errno = saved;
    return written == length ? 0 : -1;
}

int vsys_enter_user_namespace(void) {
    uid_t uid = geteuid();
    gid_t gid = getegid();
    if (unshare(CLONE_NEWUSER) != 0) return -1;
    char map[64];
    snprintf(map, sizeof map, "%u %u 1\n", (unsigned)uid, (unsigned)uid);
    if (write_text("/proc/self/uid_map", map) != 0) return -1;
    if (write_text("/proc/self/setgroups", "deny") != 0 && errno != ENOENT) return -1;
    snprintf(map, sizeof map, "%u %u 1\n", (unsigned)gid, (unsigned)gid);
    return write_text("/proc/self/gid_map", map);
}

int vsys_enter_network_namespace(void) {
    if (unshare(CLONE_NEWNET) != 0) return -1;
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    struct ifreq request;
    memset(&request, 0, sizeof request);
    strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
    int result = ioctl(fd, SIOCGIFFLAGS, &request);
    if (result == 0) {
        request.ifr_flags |= IFF_UP | IFF_RUNNING;
        result = ioctl(fd, SIOCSIFFLAGS, &request);
    }
    int saved = errno;
    close(fd);
    errno = saved;
    return result;
}

static int set_read_only(const char *path, int read_only, unsigned int flags) {
    struct mount_attr attributes;
    memset(&attributes, 0, sizeof attributes);
    if (read_only) attributes.attr_set = MOUNT_ATTR_RDONLY;
    else attributes.attr_clr = MOUNT_ATTR_RDONLY;
    return (int)syscall(SYS_mount_setattr, AT_FDCWD, path, flags, &attributes, sizeof attributes);
}

int vsys_enter_read_only_namespace(const char *const writable[], int count, int hide_run) {
    if (unshare(CLONE_NEWNS) != 0) return -1;
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) return -1;
    for (int i = 0; i < count; i++)
        if (mount(writable[i], writable[i], NULL, MS_BIND | MS_REC, NULL) != 0) return -1;
    if (set_read_only("/", 1, AT_RECURSIVE) != 0) return -1;
    for (int i = 0; i < count; i++)
        if (set_read_only(writable[i], 0, AT_RECURSIVE) != 0) return -1;
    // A missing /dev/shm is no reason to give up the rest.
    if (set_read_only("/dev/shm", 0, AT_RECURSIVE) != 0 && errno != ENOENT) return -1;
    // Sockets stay connectable on a read-only mount; an empty /run hides the daemons'
    // (Docker's, D-Bus's) from native code too. Where /run cannot be covered, it stays.
    // It is kept with network access: resolv.conf may live there.
    if (hide_run) mount("tmpfs", "/run", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, "size=4k");
    return 0;
}

int vsys_mount_box(const char *path, unsigned long long bytes) {
    char options[64];
    snprintf(options, sizeof options, "size=%llu,mode=0700", bytes);
    return mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, options);
}

int vsys_drop_capabilities(void) {
    // The bounding set first: dropping from it needs CAP_SETPCAP, which goes last.
    for (int cap = 0; cap < 64; cap++)
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL) return -1;
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    struct __user_cap_header_struct header = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
    struct __user_cap_data_struct data[2];
    memset(data, 0, sizeof data);
    return (int)syscall(SYS_capset, &header, data);
}
