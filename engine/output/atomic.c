/* atomic.c -- replace files so that a reader sees either the old or the new content: single
 * files go through a temporary file and a rename; the plan files as a set go through a
 * staging directory next to DIR that is swapped with DIR in one renameat2(RENAME_EXCHANGE).
 * Nothing is left behind on failure, and every diagnostic names a path and the system error. */
#define _GNU_SOURCE /* renameat2 and RENAME_EXCHANGE (Linux, glibc >= 2.28) */
#include "output/output.h"

#include "base/base.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void report(cosched_diags *diags, const char *path, const char *what, int err)
{
    cs_diag_add(diags, COSCHED_SEV_ERROR, path, 0, NULL, "cannot %s: %s", what, strerror(err));
}

static bool is_dir(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

cosched_status cs_atomic_mkdir(const char *dir, bool *created, cosched_diags *diags)
{
    *created = false;
    if (is_dir(dir))
        return COSCHED_OK;
    char *buf = cs_strdup(dir);
    if (buf == NULL)
        return COSCHED_ENOMEM;
    size_t n = strlen(buf);
    while (n > 1 && buf[n - 1] == '/')
        buf[--n] = '\0';
    /* Make each missing ancestor, then the directory itself. */
    for (char *s = buf + 1; *s != '\0'; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (!is_dir(buf) && mkdir(buf, 0777) != 0) {
            report(diags, buf, "create directory", errno == EEXIST ? ENOTDIR : errno);
            free(buf);
            return COSCHED_EWRITE;
        }
        *s = '/';
    }
    if (mkdir(buf, 0777) != 0) {
        int err = errno;
        if (err != EEXIST || !is_dir(buf)) {
            report(diags, buf, "create directory", err == EEXIST ? ENOTDIR : err);
            free(buf);
            return COSCHED_EWRITE;
        }
    } else {
        *created = true;
    }
    free(buf);
    return COSCHED_OK;
}

static cosched_status write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, buf, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return COSCHED_EWRITE;
        }
        buf += w;
        len -= (size_t)w;
    }
    return COSCHED_OK;
}

void cs_atomic_discard(cs_atomic_file *f)
{
    if (f->tmp != NULL)
        unlink(f->tmp);
    free(f->tmp);
    free(f->path);
    f->tmp = NULL;
    f->path = NULL;
}

cosched_status cs_atomic_prepare(const char *dir, const char *name, const char *buf,
                                 size_t len, cosched_diags *diags, cs_atomic_file *f)
{
    f->path = cs_path_join(dir, name);
    size_t tn = strlen(dir) + strlen(name) + 16;
    f->tmp = malloc(tn);
    if (f->path == NULL || f->tmp == NULL) {
        free(f->tmp);
        f->tmp = NULL;
        cs_atomic_discard(f);
        return COSCHED_ENOMEM;
    }
    snprintf(f->tmp, tn, "%s/.%s.XXXXXX", dir, name);
    int fd = mkstemp(f->tmp);
    if (fd < 0) {
        report(diags, f->path, "write", errno);
        free(f->tmp);
        f->tmp = NULL;
        cs_atomic_discard(f);
        return COSCHED_EWRITE;
    }
    /* mkstemp makes the file private; plans are ordinary readable files. */
    (void)fchmod(fd, 0644);
    int err = 0;
    if (write_all(fd, buf, len) != COSCHED_OK || fsync(fd) != 0)
        err = errno != 0 ? errno : EIO;
    if (close(fd) != 0 && err == 0)
        err = errno;
    if (err != 0) {
        report(diags, f->path, "write", err);
        cs_atomic_discard(f);
        return COSCHED_EWRITE;
    }
    return COSCHED_OK;
}

static void sync_path(const char *path);

/* Make the rename itself durable; a failure here loses nothing visible, so it is ignored. */
static void sync_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL) {
        sync_path(".");
        return;
    }
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    char *d = malloc(n + 1);
    if (d == NULL)
        return;
    memcpy(d, path, n);
    d[n] = '\0';
    sync_path(d);
    free(d);
}

cosched_status cs_atomic_commit(cs_atomic_file *f, cosched_diags *diags)
{
    if (f->tmp == NULL || f->path == NULL) {
        cs_atomic_discard(f);
        return COSCHED_EWRITE;
    }
    if (rename(f->tmp, f->path) != 0) {
        report(diags, f->path, "write", errno);
        cs_atomic_discard(f);
        return COSCHED_EWRITE;
    }
    free(f->tmp);
    f->tmp = NULL;
    sync_dir_of(f->path);
    cs_atomic_discard(f);
    return COSCHED_OK;
}

cosched_status cs_atomic_write(const char *dir, const char *name, const char *buf, size_t len,
                               cosched_diags *diags)
{
    bool created;
    cs_atomic_file f = { NULL, NULL };
    CS_TRY(cs_atomic_mkdir(dir, &created, diags));
    CS_TRY(cs_atomic_prepare(dir, name, buf, len, diags, &f));
    return cs_atomic_commit(&f, diags);
}

/* ---- a set of files swapped in as one directory ----------------------------------------- */

enum { SET_MAX = 8 };

struct cs_atomic_set {
    cosched_diags *diags;
    char *dir;      /* DIR as the caller named it, for messages */
    char *target;   /* DIR resolved: absolute, no symlink, no trailing slash */
    char *stage;    /* the staging directory (sibling of target, or inside it: in_place) */
    bool existed;   /* target was a directory when the set began */
    bool in_place;  /* no sibling possible: stage inside target, rename files one by one */
    int n;
    char *names[SET_MAX];
};

static const char STAGE_TAG[] = ".cosched-";

static bool set_has(const cs_atomic_set *s, const char *name)
{
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->names[i], name) == 0)
            return true;
    return false;
}

/* Remove a directory holding only files (and possibly empty directories). */
static void remove_flat_dir(const char *path)
{
    DIR *d = opendir(path);
    if (d != NULL) {
        int fd = dirfd(d);
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            if (unlinkat(fd, e->d_name, 0) != 0)
                (void)unlinkat(fd, e->d_name, AT_REMOVEDIR);
        }
        closedir(d);
    }
    (void)rmdir(path);
}

static void sync_path(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

/* True when @p name is PREFIX, a pid, '-' and the six hex digits make_stage() appends; the
 * pid goes to *pid. */
static bool stage_name(const char *name, const char *prefix, long *pid)
{
    size_t pl = strlen(prefix);
    if (strncmp(name, prefix, pl) != 0)
        return false;
    char *end;
    errno = 0;
    *pid = strtol(name + pl, &end, 10);
    if (end == name + pl || errno != 0 || *end != '-' || *pid <= 0 || *pid > INT_MAX)
        return false;
    size_t hex = strspn(end + 1, "0123456789abcdef");
    return hex == 6 && end[1 + hex] == '\0';
}

/* Staging directories of runs that were killed: ".BASE.cosched-PID-XXXXXX" next to DIR, or
 * "cosched-PID-XXXXXX" inside it (in place). Only a real directory (not a symlink) of this
 * user, named so, whose process is gone, is removed: a live run's stage, or one of another
 * user, is left alone. One writer per DIR at a time is assumed. */
static void remove_stale_stages(const char *where, const char *prefix)
{
    DIR *d = opendir(where);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        long pid;
        struct stat sb;
        if (!stage_name(e->d_name, prefix, &pid) ||
            fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISDIR(sb.st_mode) || sb.st_uid != geteuid())
            continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        char *path = cs_path_join(where, e->d_name);
        if (path != NULL)
            remove_flat_dir(path);
        free(path);
    }
    closedir(d);
}

static void set_free(cs_atomic_set *s)
{
    for (int i = 0; i < s->n; i++)
        free(s->names[i]);
    free(s->dir);
    free(s->target);
    free(s->stage);
    free(s);
}

/* Resolve DIR: realpath when it exists; otherwise realpath of the parent (created here) plus
 * the last component. */
static cosched_status resolve_target(cs_atomic_set *s)
{
    char *buf = cs_strdup(s->dir);
    if (buf == NULL)
        return COSCHED_ENOMEM;
    size_t n = strlen(buf);
    while (n > 1 && buf[n - 1] == '/')
        buf[--n] = '\0';
    struct stat sb;
    if (stat(buf, &sb) != 0 && errno != ENOENT) {
        /* A symlink loop, a path too long, no permission: say so, not "Not a directory". */
        report(s->diags, s->dir, "write into", errno);
        free(buf);
        return COSCHED_EWRITE;
    }
    if (stat(buf, &sb) == 0) {
        if (!S_ISDIR(sb.st_mode)) {
            report(s->diags, s->dir, "write into", ENOTDIR);
            free(buf);
            return COSCHED_EWRITE;
        }
        s->existed = true;
        s->target = realpath(buf, NULL);
        free(buf);
        if (s->target == NULL) {
            report(s->diags, s->dir, "resolve", errno);
            return COSCHED_EWRITE;
        }
        return COSCHED_OK;
    }
    char *slash = strrchr(buf, '/');
    const char *base = slash != NULL ? slash + 1 : buf;
    char *parent;
    if (slash == NULL)
        parent = cs_strdup(".");
    else if (slash == buf)
        parent = cs_strdup("/");
    else {
        *slash = '\0';
        parent = cs_strdup(buf);
    }
    if (parent == NULL) {
        free(buf);
        return COSCHED_ENOMEM;
    }
    bool created;
    cosched_status st = cs_atomic_mkdir(parent, &created, s->diags);
    char *real = st == COSCHED_OK ? realpath(parent, NULL) : NULL;
    if (st == COSCHED_OK && real == NULL) {
        report(s->diags, parent, "resolve", errno);
        st = COSCHED_EWRITE;
    }
    if (st == COSCHED_OK) {
        s->target = cs_path_join(real, base);
        if (s->target == NULL)
            st = COSCHED_ENOMEM;
    }
    free(real);
    free(parent);
    free(buf);
    return st;
}

/* Entries of DIR beyond which the swap is not worth it: each must be linked into the new
 * directory first, about 45 µs apiece, so 200,000 files of a user would take seconds that the
 * time limit does not have. Beyond it the plan files are renamed in place. */
enum { CARRY_OVER_MAX = 1000 };

/* True when @p dir holds more than @p max entries (stops reading there). */
static bool has_more_entries(const char *dir, int max)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return false;
    int n = 0;
    struct dirent *e;
    while (n <= max && (e = readdir(d)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n > max;
}

/* mkdir (not mkdtemp) so the new directory gets the usual umask-derived mode. */
static int make_stage(char *out, size_t size, const char *prefix)
{
    unsigned long salt = (unsigned long)(cs_now() * 1e6);
    for (int attempt = 0; attempt < 100; attempt++) {
        snprintf(out, size, "%s-%06lx", prefix, (salt + (unsigned long)attempt) & 0xffffffUL);
        if (mkdir(out, 0777) == 0)
            return 0;
        if (errno != EEXIST)
            return errno;
    }
    return EEXIST;
}

cosched_status cs_atomic_set_begin(const char *dir, cosched_diags *diags, cs_atomic_set **out)
{
    cs_atomic_set *s = calloc(1, sizeof *s);
    if (s == NULL)
        return COSCHED_ENOMEM;
    s->diags = diags;
    s->dir = cs_strdup(dir);
    if (s->dir == NULL) {
        set_free(s);
        return COSCHED_ENOMEM;
    }
    cosched_status st = resolve_target(s);
    if (st != COSCHED_OK) {
        set_free(s);
        return st;
    }
    /* target is absolute; its parent is everything before the last slash. */
    char *slash = strrchr(s->target, '/');
    const char *base = slash + 1;
    size_t pn = slash == s->target ? 1 : (size_t)(slash - s->target);
    size_t len = strlen(s->target) + sizeof STAGE_TAG + 48;
    s->stage = malloc(len);
    char *parent = malloc(pn + 1);
    if (s->stage == NULL || parent == NULL) {
        free(parent);
        set_free(s);
        return COSCHED_ENOMEM;
    }
    memcpy(parent, s->target, pn);
    parent[pn] = '\0';
    int err = EINVAL;
    bool mounted = s->existed && cs_atomic_mount_at_or_below(s->target, parent);
    bool crowded = s->existed && !mounted && has_more_entries(s->target, CARRY_OVER_MAX);
    if (base[0] != '\0' && !mounted && !crowded) {
        char *prefix = malloc(len);
        if (prefix == NULL) {
            free(parent);
            set_free(s);
            return COSCHED_ENOMEM;
        }
        snprintf(prefix, len, "%s%s.%s%s%ld", parent, pn > 1 ? "/" : "", base, STAGE_TAG,
                 (long)getpid());
        err = make_stage(s->stage, len, prefix);
        free(prefix);
    }
    /* The parent may be unwritable while DIR itself is writable, DIR a mount point or full of
     * other files: stage inside DIR then. */
    if (err != 0 && s->existed) {
        char *prefix = malloc(len);
        if (prefix == NULL) {
            free(parent);
            set_free(s);
            return COSCHED_ENOMEM;
        }
        snprintf(prefix, len, "%s/%s%ld", s->target, STAGE_TAG + 1, (long)getpid());
        err = make_stage(s->stage, len, prefix);
        free(prefix);
        s->in_place = err == 0;
    }
    free(parent);
    if (err != 0) {
        report(diags, s->dir, "write into", err);
        set_free(s);
        return COSCHED_EWRITE;
    }
    *out = s;
    return COSCHED_OK;
}

cosched_status cs_atomic_set_add(cs_atomic_set *s, const char *name, const char *buf,
                                 size_t len)
{
    if (s->n == SET_MAX || strchr(name, '/') != NULL || set_has(s, name))
        return COSCHED_EINTERNAL;
    char *path = cs_path_join(s->stage, name);
    s->names[s->n] = cs_strdup(name);
    if (path == NULL || s->names[s->n] == NULL) {
        free(path);
        free(s->names[s->n]);
        s->names[s->n] = NULL;
        return COSCHED_ENOMEM;
    }
    s->n++;
    int err = 0;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        err = errno;
    } else {
        errno = 0;
        if (write_all(fd, buf, len) != COSCHED_OK || fsync(fd) != 0)
            err = errno != 0 ? errno : EIO;
        if (close(fd) != 0 && err == 0)
            err = errno;
    }
    free(path);
    if (err != 0) {
        char *shown = cs_path_join(s->dir, name);
        report(s->diags, shown != NULL ? shown : s->dir, "write", err);
        free(shown);
        return COSCHED_EWRITE;
    }
    return COSCHED_OK;
}

void cs_atomic_set_abort(cs_atomic_set *s)
{
    if (s == NULL)
        return;
    remove_flat_dir(s->stage);
    set_free(s);
}

/* Entries of the old DIR that are not part of the set stay in DIR: files are hard-linked into
 * the staging directory before the swap (so they never disappear); what cannot be linked
 * (directories, cross-device oddities) is marked in @p later and moved after the swap. */
static cosched_status carry_over(cs_atomic_set *s, char ***later, int *n_later)
{
    DIR *d = opendir(s->target);
    if (d == NULL) {
        report(s->diags, s->dir, "read", errno);
        return COSCHED_EWRITE;
    }
    int src = dirfd(d);
    int dst = open(s->stage, O_RDONLY | O_DIRECTORY);
    if (dst < 0) {
        int err = errno;
        closedir(d);
        report(s->diags, s->dir, "write into", err);
        return COSCHED_EWRITE;
    }
    cosched_status st = COSCHED_OK;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *n = e->d_name;
        if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0)
            continue;
        if (set_has(s, n)) {
            /* A directory in the way of a plan file is the user's: never replace it. */
            struct stat sb;
            if (fstatat(src, n, &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(sb.st_mode)) {
                char *shown = cs_path_join(s->dir, n);
                report(s->diags, shown != NULL ? shown : s->dir, "write", EISDIR);
                free(shown);
                st = COSCHED_EWRITE;
                break;
            }
            continue;
        }
        if (linkat(src, n, dst, n, 0) == 0)
            continue;
        char **grown = cs_reallocarray(*later, (size_t)*n_later + 1, sizeof **later);
        char *copy = cs_strdup(n);
        if (grown == NULL || copy == NULL) {
            if (grown != NULL)
                *later = grown;
            free(copy);
            st = COSCHED_ENOMEM;
            break;
        }
        *later = grown;
        (*later)[(*n_later)++] = copy;
    }
    close(dst);
    closedir(d);
    return st;
}

/* Rename the set's files one by one, in the order added (the fallback). */
static cosched_status commit_one_by_one(cs_atomic_set *s)
{
    int from = open(s->stage, O_RDONLY | O_DIRECTORY);
    int to = open(s->target, O_RDONLY | O_DIRECTORY);
    cosched_status st = COSCHED_OK;
    if (from < 0 || to < 0) {
        report(s->diags, s->dir, "write into", errno);
        st = COSCHED_EWRITE;
    }
    for (int i = 0; st == COSCHED_OK && i < s->n; i++) {
        if (renameat(from, s->names[i], to, s->names[i]) != 0) {
            report(s->diags, s->dir, "write into", errno);
            st = COSCHED_EWRITE;
        }
    }
    if (from >= 0)
        close(from);
    if (to >= 0)
        close(to);
    return st;
}

/* Remove what killed runs left for DIR: whichever way this run stages, one may have staged
 * the other way. Done when a set is committed, not when one is only begun (as to probe DIR),
 * since listing a folder of many files takes a while. */
static void remove_stale_stages_of(const cs_atomic_set *s)
{
    const char *slash = strrchr(s->target, '/');
    const char *base = slash + 1;
    size_t pn = slash == s->target ? 1 : (size_t)(slash - s->target);
    size_t len = strlen(base) + sizeof STAGE_TAG + 1;
    char *parent = malloc(pn + 1);
    char *prefix = malloc(len);
    if (parent != NULL && prefix != NULL && base[0] != '\0') {
        memcpy(parent, s->target, pn);
        parent[pn] = '\0';
        snprintf(prefix, len, ".%s%s", base, STAGE_TAG);
        remove_stale_stages(parent, prefix);
    }
    free(prefix);
    free(parent);
    if (s->existed)
        remove_stale_stages(s->target, STAGE_TAG + 1);
}

cosched_status cs_atomic_set_commit(cs_atomic_set *s)
{
    cosched_status st = COSCHED_OK;
    char **later = NULL;
    int n_later = 0;
    remove_stale_stages_of(s);
    sync_path(s->stage);
    if (s->in_place) {
        st = commit_one_by_one(s);
        sync_path(s->target);
        cs_atomic_set_abort(s);
        return st;
    }
    if (!s->existed) {
        if (rename(s->stage, s->target) == 0) {
            free(s->stage);
            s->stage = NULL;
            sync_dir_of(s->target);
            set_free(s);
            return COSCHED_OK;
        }
        if (errno != EEXIST && errno != ENOTEMPTY) {
            report(s->diags, s->dir, "create directory", errno);
            cs_atomic_set_abort(s);
            return COSCHED_EWRITE;
        }
        s->existed = true; /* it appeared meanwhile: swap with it */
    }
    struct stat sb;
    if (stat(s->target, &sb) == 0)
        (void)chmod(s->stage, sb.st_mode & 07777);
    st = carry_over(s, &later, &n_later);
    if (st == COSCHED_OK) {
        sync_path(s->stage);
        if (renameat2(AT_FDCWD, s->stage, AT_FDCWD, s->target, RENAME_EXCHANGE) == 0) {
            /* The staging name now holds the old directory. */
            for (int i = 0; i < n_later; i++) {
                char *a = cs_path_join(s->stage, later[i]);
                char *b = cs_path_join(s->target, later[i]);
                if (a != NULL && b != NULL)
                    (void)rename(a, b);
                free(a);
                free(b);
            }
            sync_dir_of(s->target);
        } else if (errno == EINVAL || errno == ENOSYS || errno == EXDEV || errno == EBUSY ||
                   errno == ENOTSUP) {
            /* No swap possible here (a mount point, or a file system without it). */
            st = commit_one_by_one(s);
            sync_path(s->target);
        } else {
            report(s->diags, s->dir, "replace", errno);
            st = COSCHED_EWRITE;
        }
    }
    for (int i = 0; i < n_later; i++)
        free(later[i]);
    free(later);
    cs_atomic_set_abort(s);
    return st;
}
