/* atomic.c -- replace a file so that a reader sees either the old or the new content:
 * write a temporary file in the same directory (same file system, so rename is atomic),
 * flush and fsync it, then rename it over the final name. Nothing is left behind on failure:
 * the temporary file is removed and the diagnostic names the path and the system error. */
#include "output/output.h"

#include "base/base.h"

#include <errno.h>
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
        if (!is_dir(buf) && mkdir(buf, 0777) != 0 && errno != EEXIST) {
            report(diags, buf, "create directory", errno);
            free(buf);
            return COSCHED_EWRITE;
        }
        *s = '/';
    }
    if (mkdir(buf, 0777) != 0) {
        int err = errno;
        if (err != EEXIST || !is_dir(buf)) {
            report(diags, buf, "create directory", err);
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

/* Make the rename itself durable; a failure here loses nothing visible, so it is ignored. */
static void sync_dir_of(const char *path)
{
    char *d = cs_strdup(path);
    if (d == NULL)
        return;
    char *slash = strrchr(d, '/');
    if (slash == d)
        slash[1] = '\0';
    else if (slash != NULL)
        *slash = '\0';
    else
        strcpy(d, ".");
    int fd = open(d, O_RDONLY);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
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
