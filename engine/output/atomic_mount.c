/* atomic_mount.c -- whether a file system is mounted on or below a directory, which decides
 * how atomic.c can replace the plan files in it. */
#define _GNU_SOURCE /* getline */
#include "output/output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Decode a mount point of /proc/self/mountinfo in place: the kernel writes a space, tab,
 * newline and backslash as \040, \011, \012 and \134. */
static void unescape_mount_point(char *s)
{
    char *w = s;
    for (const char *r = s; *r != '\0'; r++) {
        if (r[0] == '\\' && r[1] >= '0' && r[1] <= '3' && r[2] >= '0' && r[2] <= '7' &&
            r[3] >= '0' && r[3] <= '7') {
            *w++ = (char)((r[1] - '0') * 64 + (r[2] - '0') * 8 + (r[3] - '0'));
            r += 3;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
}

/* True when a file system is mounted on @p target or anywhere below it (a tmpfs, a bind
 * mount, a container volume). Such a directory cannot be swapped with a sibling (rename
 * fails with EXDEV or EBUSY), and a mount inside it could not be moved into the new one:
 * the plan files are then renamed into @p target one by one. Without /proc, a target on
 * another device than @p parent counts. */
bool cs_atomic_mount_at_or_below(const char *target, const char *parent)
{
    FILE *f = fopen("/proc/self/mountinfo", "re");
    if (f == NULL) {
        struct stat a, b;
        return stat(target, &a) == 0 && stat(parent, &b) == 0 && a.st_dev != b.st_dev;
    }
    size_t tl = strlen(target);
    bool found = false;
    char *line = NULL;
    size_t cap = 0;
    while (!found && getline(&line, &cap, f) > 0) {
        /* ID PARENT MAJ:MIN ROOT MOUNT_POINT ...: the fifth field. */
        char *field = line;
        for (int i = 0; i < 4 && field != NULL; i++) {
            field = strchr(field, ' ');
            if (field != NULL)
                field++;
        }
        if (field == NULL)
            continue;
        char *end = strchr(field, ' ');
        if (end != NULL)
            *end = '\0';
        unescape_mount_point(field);
        found = strncmp(field, target, tl) == 0 && (field[tl] == '\0' || field[tl] == '/');
    }
    free(line);
    fclose(f);
    return found;
}
