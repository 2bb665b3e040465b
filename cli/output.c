// SPDX-License-Identifier: GPL-2.0
/*
 * clusnetctl output: UTF-8 checks, names for a terminal (escaped where
 * they could do harm), JSON strings and members.
 */
#include <langinfo.h>
#include <string.h>
#include <strings.h>

#include "clusnetctl.h"

/* The length of the UTF-8 sequence at @s, or 0 if it is not valid. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;
	unsigned int c;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	c = s[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* No overlong forms, surrogates or code points past U+10FFFF. */
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	return n;
}

bool utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	while (*p) {
		n = utf8_len(p);
		if (!n)
			return false;
		p += n;
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* Output                                                              */

bool utf8_term(void)
{
	static int utf8 = -1;

	if (utf8 < 0) {
		const char *cs = nl_langinfo(CODESET);

		utf8 = cs && (!strcasecmp(cs, "UTF-8") ||
			      !strcasecmp(cs, "utf8"));
	}
	return utf8;
}

const char *arrow(void)
{
	return utf8_term() ? "\xe2\x86\x92" : "->";
}

/*
 * Names are bytes the kernel does not check: whatever an admin (or
 * another tool) put there must not reach the terminal as control codes.
 * In a non-UTF-8 locale, everything outside ASCII is escaped too.
 */
static size_t text_emit(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t cols = 0, n, i;

	while (*s) {
		n = utf8_len(s);
		if (n == 1 && *s >= 0x20 && *s != 0x7f) {
			if (f)
				fputc(*s, f);
			cols++;
		} else if (n > 1 && utf8_term()) {
			if (f)
				fwrite(s, 1, n, f);
			cols++;
		} else {
			if (!n)
				n = 1;
			for (i = 0; i < n; i++)
				if (f)
					fprintf(f, "\\x%02x", s[i]);
			cols += 4 * n;
		}
		s += n;
	}
	return cols;
}

void text_str(FILE *f, const char *s)
{
	text_emit(f, s);
}

size_t text_width(const char *s)
{
	return text_emit(NULL, s);
}

void json_str(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;

	fputc('"', f);
	while (*s) {
		n = utf8_len(s);
		if (!n) {
			fputs("\\ufffd", f);
			s++;
			continue;
		}
		if (n > 1)
			fwrite(s, 1, n, f);
		else if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", f);
		else if (*s == '\t')
			fputs("\\t", f);
		else if (*s < 0x20 || *s == 0x7f)
			fprintf(f, "\\u%04x", *s);
		else
			fputc(*s, f);
		s += n;
	}
	fputc('"', f);
}

void json_key(FILE *f, bool *first, const char *key)
{
	if (!*first)
		fputc(',', f);
	*first = false;
	json_str(f, key);
	fputc(':', f);
}

void json_kstr(FILE *f, bool *first, const char *key, const char *s)
{
	json_key(f, first, key);
	json_str(f, s);
}

void json_kuint(FILE *f, bool *first, const char *key, unsigned long long v)
{
	json_key(f, first, key);
	fprintf(f, "%llu", v);
}

void json_kbool(FILE *f, bool *first, const char *key, bool v)
{
	json_key(f, first, key);
	fputs(v ? "true" : "false", f);
}

void mac_str(char *buf, size_t size, const __u8 *addr, unsigned int len)
{
	size_t off = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < len && off + 3 < size; i++)
		off += snprintf(buf + off, size - off, "%s%02x", i ? ":" : "",
				addr[i]);
}

