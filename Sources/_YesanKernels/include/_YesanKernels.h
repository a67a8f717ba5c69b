// Hot loops of YesanCore that need instructions Swift cannot ask for without unsafe flags.
// Not API: YesanCore wraps every function here (Sources/YesanCore/Engine/Words.swift).
#ifndef YESAN_KERNELS_H
#define YESAN_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Word `draw` of (trial, year) of the Philox4x32-10 stream with 64-bit key `key`, for the trials
/// first ..< first + n, written to out[0 ..< n]: exactly StreamKey.word(trial:year:draw:) of
/// docs/randomness.md (counter (draw, year, trial/2 low, trial/2 high); an even trial takes
/// w1 << 32 | w0 of the block, an odd one w3 << 32 | w2). Uses AVX2 when the CPU has it.
void yesan_philox_fill(uint64_t key, uint32_t year, uint32_t draw, uint64_t first, size_t n, uint64_t *out);

/// 2 when yesan_philox_fill uses AVX2 on this CPU, 0 for the portable scalar loop.
int yesan_philox_level(void);

#endif
