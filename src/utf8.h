/* utf8.h: the one UTF-8 decoder (JSON export, output sanitising, lessons). */
#ifndef TURBOTOP_UTF8_H
#define TURBOTOP_UTF8_H

#include <stddef.h>

size_t	 utf8_decode(const void *, size_t, unsigned int *);

#endif
