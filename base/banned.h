/*
 * banned.h - functions that must not be used, as git's banned.h: each is
 * declared deprecated with the reason, and -Werror turns a use into a
 * compile error. The Makefile includes this file in every translation
 * unit (-include base/banned.h), before any other header.
 *
 *   strcpy, strcat, sprintf, vsprintf: no bound on the destination; use
 *     snprintf, or memcpy with a length checked before.
 *   strncpy, strncat: truncate silently or leave no NUL.
 *   atoi, atol, atoll: no error for garbage or overflow; use
 *     num_parse_u64 (base/num.h).
 */
#ifndef TRC_BANNED_H
#define TRC_BANNED_H

#include <stdarg.h>
#include <stddef.h>

#define TRC_BANNED(why) __attribute__((deprecated(why)))

char *strcpy(char *restrict, const char *restrict)
	TRC_BANNED("banned: use snprintf or memcpy");
char *strcat(char *restrict, const char *restrict)
	TRC_BANNED("banned: use snprintf or memcpy");
char *strncpy(char *restrict, const char *restrict, size_t)
	TRC_BANNED("banned: use snprintf or memcpy");
char *strncat(char *restrict, const char *restrict, size_t)
	TRC_BANNED("banned: use snprintf or memcpy");
int sprintf(char *restrict, const char *restrict, ...)
	TRC_BANNED("banned: use snprintf");
int vsprintf(char *restrict, const char *restrict, va_list)
	TRC_BANNED("banned: use vsnprintf");
int atoi(const char *) TRC_BANNED("banned: use num_parse_u64");
long atol(const char *) TRC_BANNED("banned: use num_parse_u64");
long long atoll(const char *) TRC_BANNED("banned: use num_parse_u64");

#endif
