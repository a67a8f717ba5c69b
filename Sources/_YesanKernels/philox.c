// Philox4x32-10 (Salmon et al., SC '11) filled for runs of trials, bit for bit as
// StreamKey.word in Sources/YesanCore/Random/StreamKey.swift. On x86-64 with AVX2 (checked at
// run time, so the binary still runs on any x86-64), four blocks sit in each 256-bit register as
// 32-bit values zero-extended to 64-bit lanes, so each round is two vpmuludq per four blocks;
// with AVX-512F, eight blocks per register. Integer arithmetic only: every path gives the same bits.
#include "_YesanKernels.h"
#include "philox_word.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define YESAN_HAVE_AVX2_PATH 1

// 16 trials (8 blocks, two registers of four) per iteration, from an even trial `t`; returns
// the number of trials written (a multiple of 16).
__attribute__((target("avx2")))
static size_t philox_fill_avx2(uint64_t key, uint32_t year, uint32_t draw, uint64_t t, size_t n, uint64_t *out) {
    const __m256i low = _mm256_set1_epi64x(0xFFFFFFFFu);
    const __m256i m0 = _mm256_set1_epi64x(PHILOX_M0), m1 = _mm256_set1_epi64x(PHILOX_M1);
    const __m256i lanes = _mm256_setr_epi64x(0, 1, 2, 3), four = _mm256_set1_epi64x(4);
    const __m256i c0 = _mm256_set1_epi64x(draw), c1 = _mm256_set1_epi64x(year);
    size_t i = 0;
    while (i + 16 <= n) {
        __m256i pa = _mm256_add_epi64(_mm256_set1_epi64x((long long)(t >> 1)), lanes);
        __m256i pb = _mm256_add_epi64(pa, four);
        __m256i a0 = c0, a1 = c1, a2 = _mm256_and_si256(pa, low), a3 = _mm256_srli_epi64(pa, 32);
        __m256i b0 = c0, b1 = c1, b2 = _mm256_and_si256(pb, low), b3 = _mm256_srli_epi64(pb, 32);
        uint32_t k0 = (uint32_t)key, k1 = (uint32_t)(key >> 32);
        for (int round = 0; round < 10; round++) {
            if (round > 0) {
                k0 += PHILOX_W0;
                k1 += PHILOX_W1;
            }
            const __m256i K0 = _mm256_set1_epi64x(k0), K1 = _mm256_set1_epi64x(k1);
            __m256i p0 = _mm256_mul_epu32(a0, m0), p1 = _mm256_mul_epu32(a2, m1);
            __m256i q0 = _mm256_mul_epu32(b0, m0), q1 = _mm256_mul_epu32(b2, m1);
            a0 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p1, 32), a1), K0);
            a2 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p0, 32), a3), K1);
            a1 = _mm256_and_si256(p1, low);
            a3 = _mm256_and_si256(p0, low);
            b0 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(q1, 32), b1), K0);
            b2 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(q0, 32), b3), K1);
            b1 = _mm256_and_si256(q1, low);
            b3 = _mm256_and_si256(q0, low);
        }
        // Block j serves trials 2j (w1 << 32 | w0) and 2j + 1 (w3 << 32 | w2).
        __m256i ea = _mm256_or_si256(_mm256_slli_epi64(a1, 32), a0), oa = _mm256_or_si256(_mm256_slli_epi64(a3, 32), a2);
        __m256i eb = _mm256_or_si256(_mm256_slli_epi64(b1, 32), b0), ob = _mm256_or_si256(_mm256_slli_epi64(b3, 32), b2);
        __m256i la = _mm256_unpacklo_epi64(ea, oa), ha = _mm256_unpackhi_epi64(ea, oa);
        __m256i lb = _mm256_unpacklo_epi64(eb, ob), hb = _mm256_unpackhi_epi64(eb, ob);
        _mm256_storeu_si256((__m256i *)(out + i), _mm256_permute2x128_si256(la, ha, 0x20));
        _mm256_storeu_si256((__m256i *)(out + i + 4), _mm256_permute2x128_si256(la, ha, 0x31));
        _mm256_storeu_si256((__m256i *)(out + i + 8), _mm256_permute2x128_si256(lb, hb, 0x20));
        _mm256_storeu_si256((__m256i *)(out + i + 12), _mm256_permute2x128_si256(lb, hb, 0x31));
        i += 16;
        t += 16;
    }
    return i;
}

// The same with AVX-512F: eight blocks per 512-bit register, two registers, so 32 trials per
// iteration; the three-way exclusive or is one vpternlogq.
__attribute__((target("avx512f")))
static size_t philox_fill_avx512(uint64_t key, uint32_t year, uint32_t draw, uint64_t t, size_t n, uint64_t *out) {
    const __m512i low = _mm512_set1_epi64(0xFFFFFFFFu);
    const __m512i m0 = _mm512_set1_epi64(PHILOX_M0), m1 = _mm512_set1_epi64(PHILOX_M1);
    const __m512i lanes = _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7), eight = _mm512_set1_epi64(8);
    const __m512i c0 = _mm512_set1_epi64(draw), c1 = _mm512_set1_epi64(year);
    // Interleave even-trial and odd-trial words: out = e0 o0 e1 o1 … from (e0..e7) and (o0..o7).
    const __m512i first = _mm512_setr_epi64(0, 8, 1, 9, 2, 10, 3, 11), second = _mm512_setr_epi64(4, 12, 5, 13, 6, 14, 7, 15);
    size_t i = 0;
    while (i + 32 <= n) {
        __m512i pa = _mm512_add_epi64(_mm512_set1_epi64((long long)(t >> 1)), lanes);
        __m512i pb = _mm512_add_epi64(pa, eight);
        __m512i a0 = c0, a1 = c1, a2 = _mm512_and_si512(pa, low), a3 = _mm512_srli_epi64(pa, 32);
        __m512i b0 = c0, b1 = c1, b2 = _mm512_and_si512(pb, low), b3 = _mm512_srli_epi64(pb, 32);
        uint32_t k0 = (uint32_t)key, k1 = (uint32_t)(key >> 32);
        for (int round = 0; round < 10; round++) {
            if (round > 0) {
                k0 += PHILOX_W0;
                k1 += PHILOX_W1;
            }
            const __m512i K0 = _mm512_set1_epi64(k0), K1 = _mm512_set1_epi64(k1);
            __m512i p0 = _mm512_mul_epu32(a0, m0), p1 = _mm512_mul_epu32(a2, m1);
            __m512i q0 = _mm512_mul_epu32(b0, m0), q1 = _mm512_mul_epu32(b2, m1);
            // Only the low 32 bits of each lane are Philox's words: vpmuludq reads no more, so
            // the high halves may hold anything until the output masks them.
            a0 = _mm512_ternarylogic_epi64(_mm512_srli_epi64(p1, 32), a1, K0, 0x96);
            a2 = _mm512_ternarylogic_epi64(_mm512_srli_epi64(p0, 32), a3, K1, 0x96);
            a1 = p1;
            a3 = p0;
            b0 = _mm512_ternarylogic_epi64(_mm512_srli_epi64(q1, 32), b1, K0, 0x96);
            b2 = _mm512_ternarylogic_epi64(_mm512_srli_epi64(q0, 32), b3, K1, 0x96);
            b1 = q1;
            b3 = q0;
        }
        // Block j serves trials 2j (w1 << 32 | w0) and 2j + 1 (w3 << 32 | w2).
        a0 = _mm512_and_si512(a0, low);
        a2 = _mm512_and_si512(a2, low);
        b0 = _mm512_and_si512(b0, low);
        b2 = _mm512_and_si512(b2, low);
        __m512i ea = _mm512_or_si512(_mm512_slli_epi64(a1, 32), a0), oa = _mm512_or_si512(_mm512_slli_epi64(a3, 32), a2);
        __m512i eb = _mm512_or_si512(_mm512_slli_epi64(b1, 32), b0), ob = _mm512_or_si512(_mm512_slli_epi64(b3, 32), b2);
        _mm512_storeu_si512((void *)(out + i), _mm512_permutex2var_epi64(ea, first, oa));
        _mm512_storeu_si512((void *)(out + i + 8), _mm512_permutex2var_epi64(ea, second, oa));
        _mm512_storeu_si512((void *)(out + i + 16), _mm512_permutex2var_epi64(eb, first, ob));
        _mm512_storeu_si512((void *)(out + i + 24), _mm512_permutex2var_epi64(eb, second, ob));
        i += 32;
        t += 32;
    }
    return i;
}
#endif

int yesan_philox_level(void) {
#if defined(YESAN_HAVE_AVX2_PATH)
    if (__builtin_cpu_supports("avx512f")) return 3;
    return __builtin_cpu_supports("avx2") ? 2 : 0;
#else
    return 0;
#endif
}

void yesan_philox_fill(uint64_t key, uint32_t year, uint32_t draw, uint64_t first, size_t n, uint64_t *out) {
    yesan_philox_fill_level(yesan_philox_level(), key, year, draw, first, n, out);
}

void yesan_philox_fill_level(int level, uint64_t key, uint32_t year, uint32_t draw, uint64_t first, size_t n,
                             uint64_t *out) {
    size_t i = 0;
    uint64_t t = first;
    if (n > 0 && (t & 1)) {
        out[0] = philox_word(key, year, draw, t);
        i = 1;
        t++;
    }
#if defined(YESAN_HAVE_AVX2_PATH)
    if (level >= 3 && n - i >= 32 && __builtin_cpu_supports("avx512f")) {
        size_t done = philox_fill_avx512(key, year, draw, t, n - i, out + i);
        i += done;
        t += done;
    }
    if (level >= 2 && n - i >= 16 && __builtin_cpu_supports("avx2")) {
        size_t done = philox_fill_avx2(key, year, draw, t, n - i, out + i);
        i += done;
        t += done;
    }
#else
    (void)level;
#endif
    for (; i < n; i++, t++) out[i] = philox_word(key, year, draw, t);
}
