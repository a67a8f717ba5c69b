// One Philox4x32-10 word, scalar: shared by philox.c (the fill's odd ends and portable path) and
// beta.c (the words a sampler's rare paths need beyond those fetched ahead). Not a public header.
#ifndef YESAN_PHILOX_WORD_H
#define YESAN_PHILOX_WORD_H

#include <stdint.h>

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

// Word `draw` of (trial, year) of the stream with 64-bit key `key`: exactly
// StreamKey.word(trial:year:draw:) (docs/randomness.md).
static inline uint64_t philox_word(uint64_t key, uint32_t year, uint32_t draw, uint64_t trial) {
    uint64_t pair = trial >> 1;
    uint32_t c0 = draw, c1 = year, c2 = (uint32_t)pair, c3 = (uint32_t)(pair >> 32);
    uint32_t k0 = (uint32_t)key, k1 = (uint32_t)(key >> 32);
    for (int round = 0; round < 10; round++) {
        if (round > 0) {
            k0 += PHILOX_W0;
            k1 += PHILOX_W1;
        }
        uint64_t p0 = (uint64_t)PHILOX_M0 * c0, p1 = (uint64_t)PHILOX_M1 * c2;
        uint32_t n0 = (uint32_t)(p1 >> 32) ^ c1 ^ k0, n1 = (uint32_t)p1;
        uint32_t n2 = (uint32_t)(p0 >> 32) ^ c3 ^ k1, n3 = (uint32_t)p0;
        c0 = n0;
        c1 = n1;
        c2 = n2;
        c3 = n3;
    }
    return (trial & 1) == 0 ? ((uint64_t)c1 << 32 | c0) : ((uint64_t)c3 << 32 | c2);
}

#endif
