/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The CPG wire format's primitives: little-endian integers and
 * length-prefixed strings, read with bounds checks and written to a
 * growing buffer. A reader that runs out of bytes or meets a bad string
 * sets its error flag and returns zeros from then on, so a decoder checks
 * once at the end instead of after every field.
 */
#ifndef CLUSNETD_WIRE_H
#define CLUSNETD_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct wr {			/* writer */
	uint8_t *p;
	size_t len, cap;
	bool err;		/* allocation failed or a value did not fit */
};

struct rd {			/* reader */
	const uint8_t *p;
	size_t len, off;
	bool err;
};

/* How rd_str() checks a string (besides its length). */
enum str_kind {
	STR_TEXT,	/* UTF-8, no control characters: names */
	STR_PARA,	/* UTF-8, tab and newline allowed: descriptions */
	STR_IFNAME,	/* a Linux interface name (or empty) */
};

void wr_u8(struct wr *w, uint8_t v);
void wr_u16(struct wr *w, uint16_t v);
void wr_u32(struct wr *w, uint32_t v);
void wr_u64(struct wr *w, uint64_t v);
void wr_bytes(struct wr *w, const void *p, size_t n);
void wr_str(struct wr *w, const char *s);
void wr_put_u16(struct wr *w, size_t at, uint16_t v);
void wr_put_u32(struct wr *w, size_t at, uint32_t v);
void wr_free(struct wr *w);

uint8_t rd_u8(struct rd *r);
uint16_t rd_u16(struct rd *r);
uint32_t rd_u32(struct rd *r);
uint64_t rd_u64(struct rd *r);
void rd_bytes(struct rd *r, void *p, size_t n);
/* A string of at most max bytes into buf[max + 1], NUL-terminated. */
void rd_str(struct rd *r, char *buf, size_t max, enum str_kind kind);
/* A sub-reader over the next n bytes (the parent skips them). */
struct rd rd_sub(struct rd *r, size_t n);
static inline size_t rd_left(const struct rd *r)
{
	return r->err ? 0 : r->len - r->off;
}

bool utf8_valid(const char *s, size_t n, bool para);
bool ifname_valid(const char *s, size_t n);

#endif
