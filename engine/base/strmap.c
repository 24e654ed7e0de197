/* strmap.c -- open-addressing (linear probing) hash map from strings to ints.
 * Id lookups while loading 100,000 orders must be O(1). The table size is a power of two
 * and is kept at most half full, so probes stay short. Entries are never removed. */
#include "base/base.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    char *key; /* NULL = empty slot */
    uint64_t hash;
    int value;
} slot;

struct cs_strmap {
    slot *slots;
    size_t cap; /* power of two */
    size_t n;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h ^ (h >> 29);
}

cs_strmap *cs_strmap_create(void)
{
    cs_strmap *m = calloc(1, sizeof *m);
    if (m == NULL)
        return NULL;
    m->cap = 16;
    m->slots = calloc(m->cap, sizeof *m->slots);
    if (m->slots == NULL) {
        free(m);
        return NULL;
    }
    return m;
}

void cs_strmap_free(cs_strmap *m)
{
    if (m == NULL)
        return;
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    free(m);
}

static slot *find_slot(slot *slots, size_t cap, const char *key, uint64_t h)
{
    size_t i = (size_t)h & (cap - 1);
    while (slots[i].key != NULL && (slots[i].hash != h || strcmp(slots[i].key, key) != 0))
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

static cosched_status grow(cs_strmap *m)
{
    if (m->cap > SIZE_MAX / 2 / sizeof(slot))
        return COSCHED_ENOMEM;
    size_t cap = m->cap * 2;
    slot *slots = calloc(cap, sizeof *slots);
    if (slots == NULL)
        return COSCHED_ENOMEM;
    for (size_t i = 0; i < m->cap; i++) {
        if (m->slots[i].key != NULL)
            *find_slot(slots, cap, m->slots[i].key, m->slots[i].hash) = m->slots[i];
    }
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return COSCHED_OK;
}

cosched_status cs_strmap_put(cs_strmap *m, const char *key, int value)
{
    uint64_t h = hash_str(key);
    slot *s = find_slot(m->slots, m->cap, key, h);
    if (s->key != NULL) {
        s->value = value;
        return COSCHED_OK;
    }
    if (2 * (m->n + 1) > m->cap) {
        CS_TRY(grow(m));
        s = find_slot(m->slots, m->cap, key, h);
    }
    s->key = cs_strdup(key);
    if (s->key == NULL)
        return COSCHED_ENOMEM;
    s->hash = h;
    s->value = value;
    m->n++;
    return COSCHED_OK;
}

int cs_strmap_get(const cs_strmap *m, const char *key)
{
    if (m == NULL || key == NULL)
        return -1;
    const slot *s = find_slot(m->slots, m->cap, key, hash_str(key));
    return s->key != NULL ? s->value : -1;
}

int cs_strmap_count(const cs_strmap *m)
{
    return m != NULL ? (int)m->n : 0;
}
