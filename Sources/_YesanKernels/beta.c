// The engine's gamma, beta and PERT samplers for a run of trials (BatchDraws.sample), bit for bit
// those of Distribution+Sampling.swift (`standardGamma`, `standardBeta` when the shapes are not
// both ≤ 1) on each trial's stream, with the scale and clip of `Distribution.sample`; and its
// ziggurat normals (yesan_normal_sample, `standardNormal(first:using:)`), the same way:
//
// - the usual path: each gamma's first attempt (a normal inside its ziggurat rectangle, accepted by
//   a squeeze) from the words fetched ahead, eight trials per AVX-512 instruction or four per AVX2
//   one; then, for beta, r = g1 / (g1 + g2) inside (0, 1), and the scale and clip, in the same
//   vectors when both shapes are ≥ 1, else trial by trial after the boost of the shape below 1;
// - every other trial, and all trials when no vector path applies, by a scalar copy of the
//   sequential samplers (`lane_*` below): the same operations on doubles in the same order and
//   association, the same libm `log` and `exp` that RealModule calls, and the same words: those
//   fetched ahead while there are any, then Philox words computed on the spot, exactly as Swift's
//   PrefetchedStream followed by RandomStream hands them out.
//
// The vector paths evaluate the same expressions as the scalar ones, operation by operation (the
// conversion of a 53-bit integer to double is exact either way), and a lane leaves them whenever
// the sequential sampler would do anything they do not (a wedge, the tail, a log test, a
// rejection, r at 0 or 1), so every path gives the sequential sampler's bits. No expression may be
// contracted into a fused multiply-add (the pragmas below). The tests compare every path with the
// sequential sampler trial by trial.
#include "_YesanKernels.h"
#include "philox_word.h"

#include <math.h>

#pragma STDC FP_CONTRACT OFF
#if defined(__clang__)
#pragma clang fp contract(off)
#endif

// MARK: - Scalar: the sequential samplers for one trial

// One trial's stream: draw j is word[j · stride] (the rows fetched ahead) while j < prefetched,
// else Philox word j of (trial, year), as PrefetchedStream.next() then RandomStream.next(). The
// samplers below are inlined into beta_lane and gamma_lane, so that this lives in registers.
typedef struct {
    const uint64_t *word;
    size_t stride;
    uint32_t prefetched;
    uint32_t next;
    const yesan_draws *draws;
    uint64_t trial;
} lane_stream;

#define ALWAYS_INLINE static inline __attribute__((always_inline))

ALWAYS_INLINE lane_stream lane_stream_at(const yesan_draws *draws, size_t lane) {
    lane_stream s = {draws->words + lane, draws->stride, draws->prefetched, 0, draws, draws->first + lane};
    return s;
}

// A word past those fetched ahead: rare (a wedge, the tail, a rejection), so out of line.
__attribute__((noinline, cold)) static uint64_t later_word(const yesan_draws *draws, uint64_t trial, uint32_t draw) {
    return philox_word(draws->key, draws->year, draw, trial);
}

ALWAYS_INLINE uint64_t next_word(lane_stream *s) {
    uint32_t draw = s->next++;
    if (__builtin_expect(draw < s->prefetched, 1)) return s->word[(size_t)draw * s->stride];
    return later_word(s->draws, s->trial, draw);
}

// uniformHalfOpen: (w >> 11) · 2⁻⁵³ (the shifted word fits an int64, converted exactly).
ALWAYS_INLINE double half_open(uint64_t w) { return (double)(int64_t)(w >> 11) * 0x1p-53; }

// uniformOpen: Swift.max(half_open(w), 2⁻⁵⁴), where Swift.max(x, y) is y >= x ? y : x.
ALWAYS_INLINE double open_unit(uint64_t w) {
    double u = half_open(w);
    return 0x1p-54 >= u ? 0x1p-54 : u;
}

// Distribution.clip: Swift.min(Swift.max(x, lower), upper), with Swift.max(x, y) = y >= x ? y : x
// and Swift.min(x, y) = y < x ? y : x (which of two equal values, ±0, is returned, and NaN kept).
ALWAYS_INLINE double clip(double x, double lower, double upper) {
    double m = lower >= x ? lower : x;
    return upper < m ? upper : m;
}

// standardNormal(first:using:x:f:) (Ziggurat.swift): rectangle, tail beyond r, wedge, retry.
ALWAYS_INLINE double lane_normal(lane_stream *s) {
    const double *xs = s->draws->xs, *fs = s->draws->fs;
    uint64_t w = next_word(s);
    for (;;) {
        size_t i = (size_t)(w & 0xFF);
        int negative = (w & 0x100) != 0;
        double x = half_open(w) * xs[i];
        if (__builtin_expect(x < xs[i + 1], 1)) return negative ? -x : x;
        if (i == 0) {
            double r = s->draws->tail;
            for (;;) {
                double e1 = -log(open_unit(next_word(s))) / r;
                double e2 = -log(open_unit(next_word(s)));
                if (e2 + e2 >= e1 * e1) return negative ? -(r + e1) : r + e1;
            }
        }
        double y = fs[i] + half_open(next_word(s)) * (fs[i + 1] - fs[i]);
        if (y < exp(-0.5 * x * x)) return negative ? -x : x;
        w = next_word(s);
    }
}

// standardGamma(shape:)'s last step for shape < 1: Gamma(shape + 1) · U^(1/shape) from the value
// and the uniform's word, computed in logarithms, at least the smallest normal double
// (Swift.max(e, m) = m >= e ? m : e).
ALWAYS_INLINE double boost(double value, uint64_t w, double shape) {
    double log_value = log(value) + log(open_unit(w)) / shape;
    double e = exp(log_value);
    return 0x1p-1022 >= e ? 0x1p-1022 : e;
}

// standardGamma(shape:): Marsaglia–Tsang with d, c, k of g (those of shape + 1 when shape < 1),
// both squeezes of `gammaSqueeze`, then the log test; shape < 1 boosts the result with one more
// uniform.
ALWAYS_INLINE double lane_gamma(lane_stream *s, const yesan_gamma *g) {
    const double d = g->d, c = g->c, k = g->k;
    double value;
    for (;;) {
        double x, v;
        do {
            x = lane_normal(s);
            v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        double u = open_unit(next_word(s));
        double x2 = x * x;
        if (u < 1 - 0.0331 * x2 * x2) { value = d * v; break; }
        if (fabs(c * x) <= 0.5 && u < 1 - k * x2 * x2) { value = d * v; break; }
        if (log(u) < 0.5 * x2 + d * (1 - v + log(v))) { value = d * v; break; }
    }
    return g->shape < 1 ? boost(value, next_word(s), g->shape) : value;
}

// clip(low + width · standardBeta(alpha, beta)) for one trial (low 0, width 1 for plain beta:
// 0 + 1 · r is r, exactly, for r in (0, 1)). The shapes must not both be ≤ 1.
__attribute__((noinline)) static double beta_lane(const yesan_draws *draws, const yesan_gamma *g1, const yesan_gamma *g2,
                                                   double low, double width, double lower, double upper, size_t lane) {
    lane_stream s = lane_stream_at(draws, lane);
    for (;;) {
        double a = lane_gamma(&s, g1);
        double b = lane_gamma(&s, g2);
        double r = a / (a + b);
        if (__builtin_expect(r > 0 && r < 1, 1)) return clip(low + width * r, lower, upper);
    }
}

// clip(scale · standardGamma(shape)) for one trial.
__attribute__((noinline)) static double gamma_lane(const yesan_draws *draws, const yesan_gamma *g, double scale,
                                                    double lower, double upper, size_t lane) {
    lane_stream s = lane_stream_at(draws, lane);
    return clip(scale * lane_gamma(&s, g), lower, upper);
}

// MARK: - Vector: the usual path of many trials at once

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

// (double)k for 0 ≤ k < 2^53, exactly: high and low 32-bit halves through the 2^84 and 2^52
// exponent tricks, whose sum is exact because it is representable.
__attribute__((target("avx2"))) static inline __m256d u53_to_double(__m256i k) {
    const __m256i low_mask = _mm256_set1_epi64x(0xFFFFFFFF);
    __m256i lo = _mm256_or_si256(_mm256_and_si256(k, low_mask), _mm256_set1_epi64x(0x4330000000000000LL));
    __m256i hi = _mm256_or_si256(_mm256_srli_epi64(k, 32), _mm256_set1_epi64x(0x4530000000000000LL));
    __m256d lod = _mm256_sub_pd(_mm256_castsi256_pd(lo), _mm256_set1_pd(0x1p52));
    __m256d hid = _mm256_sub_pd(_mm256_castsi256_pd(hi), _mm256_set1_pd(0x1p84));
    return _mm256_add_pd(hid, lod);
}

// xs[i] and xs[i + 1] for the layers i (bits 0–7, the low byte on x86) of the four words at w:
// one 16-byte load per word, then two unpacks. Two gathers would load the same values, but take
// longer (measured on AMD Zen 4, on both the AVX-512 and the AVX2 path).
__attribute__((target("avx2"))) static inline __m256d layer_edges4(const uint64_t *w, const double *xs, __m256d *next) {
    const unsigned char *layer = (const unsigned char *)w;
    // a = (x0, n0 | x2, n2), b = (x1, n1 | x3, n3): unpacking interleaves them in order.
    __m256d a = _mm256_insertf128_pd(_mm256_castpd128_pd256(_mm_loadu_pd(xs + layer[0])), _mm_loadu_pd(xs + layer[16]), 1);
    __m256d b = _mm256_insertf128_pd(_mm256_castpd128_pd256(_mm_loadu_pd(xs + layer[8])), _mm_loadu_pd(xs + layer[24]), 1);
    *next = _mm256_unpackhi_pd(a, b);
    return _mm256_unpacklo_pd(a, b);
}

// The ziggurat's usual path for the four first words at w: the signed point x in its layer's
// rectangle (bits 0–7 the layer, 8 the sign, 11–63 the position); *inside gets all-ones lanes
// where it falls inside the rectangle, so that x is a standard normal draw.
__attribute__((target("avx2"))) static inline __m256d ziggurat4(const uint64_t *w, const double *xs, __m256d *inside) {
    const __m256i sign_bit = _mm256_set1_epi64x(0x100);
    __m256i wn = _mm256_loadu_si256((const __m256i *)w);
    __m256d xnext;
    __m256d xi = layer_edges4(w, xs, &xnext);
    __m256d a = _mm256_mul_pd(_mm256_mul_pd(u53_to_double(_mm256_srli_epi64(wn, 11)), _mm256_set1_pd(0x1p-53)), xi);
    *inside = _mm256_cmp_pd(a, xnext, _CMP_LT_OQ);
    __m256i negative = _mm256_cmpeq_epi64(_mm256_and_si256(wn, sign_bit), sign_bit);
    return _mm256_xor_pd(a, _mm256_and_pd(_mm256_castsi256_pd(negative), _mm256_set1_pd(-0.0)));
}

// First attempt of Gamma(shape, 1), d = shape − 1/3, c = 1/√(9d), k = 1/(54d), from the normal's
// word wn and the uniform's word wu; *ok gets all-ones lanes where the attempt is accepted by one of
// the two squeezes of `gammaSqueeze` (Distribution+Sampling.swift), evaluated as it does.
__attribute__((target("avx2"))) static inline __m256d gamma4(const uint64_t *wn, const uint64_t *wup, const double *xs,
                                                             __m256d d, __m256d c, __m256d k, __m256d *ok) {
    __m256d inside;
    __m256d x = ziggurat4(wn, xs, &inside);
    __m256i wu = _mm256_loadu_si256((const __m256i *)wup);
    __m256d w = _mm256_mul_pd(c, x);
    __m256d v = _mm256_add_pd(_mm256_set1_pd(1), w);
    __m256d positive = _mm256_cmp_pd(v, _mm256_setzero_pd(), _CMP_GT_OQ);
    __m256d v3 = _mm256_mul_pd(_mm256_mul_pd(v, v), v);
    __m256d u = _mm256_max_pd(_mm256_mul_pd(u53_to_double(_mm256_srli_epi64(wu, 11)), _mm256_set1_pd(0x1p-53)),
                              _mm256_set1_pd(0x1p-54));
    __m256d q = _mm256_mul_pd(x, x);
    __m256d bound = _mm256_sub_pd(_mm256_set1_pd(1), _mm256_mul_pd(_mm256_mul_pd(_mm256_set1_pd(0.0331), q), q));
    __m256d bound2 = _mm256_sub_pd(_mm256_set1_pd(1), _mm256_mul_pd(_mm256_mul_pd(k, q), q));
    __m256d near = _mm256_cmp_pd(_mm256_andnot_pd(_mm256_set1_pd(-0.0), w), _mm256_set1_pd(0.5), _CMP_LE_OQ);
    __m256d squeeze = _mm256_or_pd(_mm256_cmp_pd(u, bound, _CMP_LT_OQ),
                                   _mm256_and_pd(near, _mm256_cmp_pd(u, bound2, _CMP_LT_OQ)));
    *ok = _mm256_and_pd(_mm256_and_pd(inside, positive), squeeze);
    return _mm256_mul_pd(d, v3);
}

// Normals from first words (row 0 of draws, which `out` may overwrite in place), four at a time:
// the rectangle's value, or the lane and its word listed in redo/saved for the full ziggurat.
// Returns the count listed; *done gets the lanes handled (a multiple of 4).
__attribute__((target("avx2"))) static size_t normal_chunk_avx2(const uint64_t *w, const double *xs, double *out,
                                                                size_t n, uint32_t *redo, uint64_t *saved,
                                                                size_t *done) {
    size_t i = 0, count = 0;
    for (; i + 4 <= n; i += 4) {
        __m256d inside;
        __m256i words = _mm256_loadu_si256((const __m256i *)(w + i));
        __m256d x = ziggurat4(w + i, xs, &inside);
        int bad = ~_mm256_movemask_pd(inside) & 0xF;
        if (__builtin_expect(bad != 0, 0)) {
            uint64_t copy[4];
            _mm256_storeu_si256((__m256i *)copy, words);
            for (int b = 0; b < 4; b++) {
                if (bad & (1 << b)) {
                    redo[count] = (uint32_t)(i + (size_t)b);
                    saved[count] = copy[b];
                    count++;
                }
            }
        }
        _mm256_storeu_pd(out + i, x);
    }
    *done = i;
    return count;
}

// `clip` on four lanes: two compare-and-selects in its order, so ±0 and NaN come out as in Swift.
__attribute__((target("avx2"))) static inline __m256d clip4(__m256d x, __m256d lower, __m256d upper) {
    __m256d m = _mm256_blendv_pd(x, lower, _mm256_cmp_pd(lower, x, _CMP_GE_OQ));
    return _mm256_blendv_pd(m, upper, _mm256_cmp_pd(upper, m, _CMP_LT_OQ));
}

// The vector kernels below run the usual path of the lanes [start, start + m), m ≤ CHUNK, write
// their values (scaled and clipped), and list the lanes that left it in redo[], returning how
// many: the callers redo those with beta_lane or gamma_lane. No call inside the loop, so its
// constants stay in registers.
enum { CHUNK = 256 };

// Beta (both shapes ≥ 1; words 0–3 fetched ahead) four trials at a time; the last m mod 4 lanes
// are listed for redoing.
__attribute__((target("avx2"))) static size_t beta_chunk_avx2(const yesan_draws *draws, const yesan_gamma *g1,
                                                              const yesan_gamma *g2, double low, double width,
                                                              double lower, double upper, double *out, size_t start,
                                                              size_t m, uint32_t *redo) {
    const size_t stride = draws->stride;
    const uint64_t *w0 = draws->words + start, *w1 = w0 + stride, *w2 = w1 + stride, *w3 = w2 + stride;
    const double *xs = draws->xs;
    out += start;
    const __m256d D1 = _mm256_set1_pd(g1->d), C1 = _mm256_set1_pd(g1->c), K1 = _mm256_set1_pd(g1->k);
    const __m256d D2 = _mm256_set1_pd(g2->d), C2 = _mm256_set1_pd(g2->c), K2 = _mm256_set1_pd(g2->k);
    const __m256d LOW = _mm256_set1_pd(low), WIDTH = _mm256_set1_pd(width);
    const __m256d LOWER = _mm256_set1_pd(lower), UPPER = _mm256_set1_pd(upper);
    const __m256d zero = _mm256_setzero_pd(), one = _mm256_set1_pd(1);
    size_t i = 0, count = 0;
    for (; i + 4 <= m; i += 4) {
        __m256d ok1, ok2;
        __m256d a = gamma4(w0 + i, w1 + i, xs, D1, C1, K1, &ok1);
        __m256d b = gamma4(w2 + i, w3 + i, xs, D2, C2, K2, &ok2);
        __m256d r = _mm256_div_pd(a, _mm256_add_pd(a, b));
        __m256d ok = _mm256_and_pd(_mm256_and_pd(ok1, ok2),
                                   _mm256_and_pd(_mm256_cmp_pd(r, zero, _CMP_GT_OQ), _mm256_cmp_pd(r, one, _CMP_LT_OQ)));
        _mm256_storeu_pd(out + i, clip4(_mm256_add_pd(LOW, _mm256_mul_pd(WIDTH, r)), LOWER, UPPER));
        unsigned bad = ~(unsigned)_mm256_movemask_pd(ok);
        for (unsigned j = 0; j < 4; j++) {  // append the bad lanes without a branch
            redo[count] = (uint32_t)(start + i + j);
            count += (bad >> j) & 1;
        }
    }
    for (; i < m; i++) redo[count++] = (uint32_t)(start + i);
    return count;
}

// Gamma (shape ≥ 1; words 0–1 fetched ahead) four trials at a time, as beta_chunk_avx2.
__attribute__((target("avx2"))) static size_t gamma_chunk_avx2(const yesan_draws *draws, const yesan_gamma *g,
                                                               double scale, double lower, double upper, double *out,
                                                               size_t start, size_t m, uint32_t *redo) {
    const uint64_t *w0 = draws->words + start, *w1 = w0 + draws->stride;
    const double *xs = draws->xs;
    out += start;
    const __m256d D = _mm256_set1_pd(g->d), C = _mm256_set1_pd(g->c), K = _mm256_set1_pd(g->k);
    const __m256d SCALE = _mm256_set1_pd(scale), LOWER = _mm256_set1_pd(lower), UPPER = _mm256_set1_pd(upper);
    size_t i = 0, count = 0;
    for (; i + 4 <= m; i += 4) {
        __m256d ok;
        __m256d x = gamma4(w0 + i, w1 + i, xs, D, C, K, &ok);
        _mm256_storeu_pd(out + i, clip4(_mm256_mul_pd(SCALE, x), LOWER, UPPER));
        unsigned bad = ~(unsigned)_mm256_movemask_pd(ok);
        for (unsigned j = 0; j < 4; j++) {
            redo[count] = (uint32_t)(start + i + j);
            count += (bad >> j) & 1;
        }
    }
    for (; i < m; i++) redo[count++] = (uint32_t)(start + i);
    return count;
}

// The first attempt of one gamma (normal in row rn, uniform in row ru) for lanes [start, start + m):
// its value where a squeeze accepts it, NaN elsewhere (as are the last m mod 4).
__attribute__((target("avx2"))) static void first_gamma_avx2(const yesan_draws *draws, size_t rn, size_t ru,
                                                             const yesan_gamma *g, double *dst, size_t start,
                                                             size_t m) {
    const uint64_t *wn = draws->words + rn * draws->stride + start, *wu = draws->words + ru * draws->stride + start;
    const __m256d D = _mm256_set1_pd(g->d), C = _mm256_set1_pd(g->c), K = _mm256_set1_pd(g->k);
    const __m256d nan = _mm256_set1_pd(__builtin_nan(""));
    size_t i = 0;
    for (; i + 4 <= m; i += 4) {
        __m256d ok;
        __m256d x = gamma4(wn + i, wu + i, draws->xs, D, C, K, &ok);
        _mm256_storeu_pd(dst + i, _mm256_blendv_pd(nan, x, ok));
    }
    for (; i < m; i++) dst[i] = __builtin_nan("");
}

// The same with AVX-512F and DQ, eight trials per instruction: the exact integer-to-double
// conversion is one vcvtuqq2pd, and the lane masks live in mask registers. The operations on
// doubles are those of the AVX2 path, in the same order: the same bits.

// layer_edges4 for eight words: eight 16-byte loads, then two permutes split the pairs.
__attribute__((target("avx512f,avx512dq"))) static inline __m512d layer_edges8(const uint64_t *w, const double *xs,
                                                                             __m512d *next) {
    const unsigned char *layer = (const unsigned char *)w;
    __m256d p01 = _mm256_insertf128_pd(_mm256_castpd128_pd256(_mm_loadu_pd(xs + layer[0])), _mm_loadu_pd(xs + layer[8]), 1);
    __m256d p23 = _mm256_insertf128_pd(_mm256_castpd128_pd256(_mm_loadu_pd(xs + layer[16])), _mm_loadu_pd(xs + layer[24]), 1);
    __m256d p45 = _mm256_insertf128_pd(_mm256_castpd128_pd256(_mm_loadu_pd(xs + layer[32])), _mm_loadu_pd(xs + layer[40]), 1);
    __m256d p67 = _mm256_insertf128_pd(_mm256_castpd128_pd256(_mm_loadu_pd(xs + layer[48])), _mm_loadu_pd(xs + layer[56]), 1);
    __m512d a = _mm512_insertf64x4(_mm512_castpd256_pd512(p01), p23, 1);
    __m512d b = _mm512_insertf64x4(_mm512_castpd256_pd512(p45), p67, 1);
    const __m512i even = _mm512_setr_epi64(0, 2, 4, 6, 8, 10, 12, 14), odd = _mm512_setr_epi64(1, 3, 5, 7, 9, 11, 13, 15);
    *next = _mm512_permutex2var_pd(a, odd, b);
    return _mm512_permutex2var_pd(a, even, b);
}

__attribute__((target("avx512f,avx512dq"))) static inline __m512d ziggurat8(const uint64_t *w, const double *xs,
                                                                          __mmask8 *inside) {
    const __m512i sign_bit = _mm512_set1_epi64(0x100);
    __m512i wn = _mm512_loadu_si512((const void *)w);
    __m512d xnext;
    __m512d xi = layer_edges8(w, xs, &xnext);
    __m512d a = _mm512_mul_pd(_mm512_mul_pd(_mm512_cvtepu64_pd(_mm512_srli_epi64(wn, 11)), _mm512_set1_pd(0x1p-53)), xi);
    *inside = _mm512_cmp_pd_mask(a, xnext, _CMP_LT_OQ);
    __mmask8 negative = _mm512_test_epi64_mask(wn, sign_bit);
    return _mm512_mask_xor_pd(a, negative, a, _mm512_set1_pd(-0.0));
}

__attribute__((target("avx512f,avx512dq"))) static inline __m512d gamma8(const uint64_t *wn, const uint64_t *wup,
                                                                       const double *xs, __m512d d, __m512d c,
                                                                       __m512d k, __mmask8 *ok) {
    __mmask8 inside;
    __m512d x = ziggurat8(wn, xs, &inside);
    __m512i wu = _mm512_loadu_si512((const void *)wup);
    __m512d w = _mm512_mul_pd(c, x);
    __m512d v = _mm512_add_pd(_mm512_set1_pd(1), w);
    __mmask8 positive = _mm512_cmp_pd_mask(v, _mm512_setzero_pd(), _CMP_GT_OQ);
    __m512d v3 = _mm512_mul_pd(_mm512_mul_pd(v, v), v);
    __m512d u = _mm512_max_pd(_mm512_mul_pd(_mm512_cvtepu64_pd(_mm512_srli_epi64(wu, 11)), _mm512_set1_pd(0x1p-53)),
                              _mm512_set1_pd(0x1p-54));
    __m512d q = _mm512_mul_pd(x, x);
    __m512d bound = _mm512_sub_pd(_mm512_set1_pd(1), _mm512_mul_pd(_mm512_mul_pd(_mm512_set1_pd(0.0331), q), q));
    __m512d bound2 = _mm512_sub_pd(_mm512_set1_pd(1), _mm512_mul_pd(_mm512_mul_pd(k, q), q));
    __mmask8 near = _mm512_cmp_pd_mask(_mm512_abs_pd(w), _mm512_set1_pd(0.5), _CMP_LE_OQ);
    __mmask8 squeeze = _mm512_cmp_pd_mask(u, bound, _CMP_LT_OQ) | (near & _mm512_cmp_pd_mask(u, bound2, _CMP_LT_OQ));
    *ok = inside & positive & squeeze;
    return _mm512_mul_pd(d, v3);
}

__attribute__((target("avx512f,avx512dq"))) static inline __m512d clip8(__m512d x, __m512d lower, __m512d upper) {
    __m512d m = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(lower, x, _CMP_GE_OQ), x, lower);
    return _mm512_mask_blend_pd(_mm512_cmp_pd_mask(upper, m, _CMP_LT_OQ), m, upper);
}

// The lanes of `bad` among i ..< i + 8, appended to redo[count ...] (which has room for 16 more
// entries than it will hold): a register compress, then one full store.
__attribute__((target("avx512f,avx512dq"))) static inline size_t list_bad8(__mmask8 bad, size_t i, uint32_t *redo,
                                                                         size_t count) {
    const __m512i iota = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    __m512i lanes = _mm512_add_epi32(_mm512_set1_epi32((int)i), iota);
    _mm512_storeu_si512((void *)(redo + count), _mm512_maskz_compress_epi32((__mmask16)bad, lanes));
    return count + (size_t)__builtin_popcount(bad);
}

// normal_chunk_avx2 eight at a time: the bad lanes and their words compressed into redo/saved.
__attribute__((target("avx512f,avx512dq"))) static size_t normal_chunk_avx512(const uint64_t *w, const double *xs,
                                                                            double *out, size_t n, uint32_t *redo,
                                                                            uint64_t *saved, size_t *done) {
    size_t i = 0, count = 0;
    for (; i + 8 <= n; i += 8) {
        __mmask8 inside;
        __m512d x = ziggurat8(w + i, xs, &inside);
        __mmask8 bad = (__mmask8)~inside;
        if (__builtin_expect(bad != 0, 0)) {
            _mm512_mask_compressstoreu_epi64(saved + count, bad, _mm512_loadu_si512((const void *)(w + i)));
            count = list_bad8(bad, i, redo, count);
        }
        _mm512_storeu_pd(out + i, x);
    }
    *done = i;
    return count;
}

__attribute__((target("avx512f,avx512dq"))) static size_t beta_chunk_avx512(const yesan_draws *draws,
                                                                          const yesan_gamma *g1, const yesan_gamma *g2,
                                                                          double low, double width, double lower,
                                                                          double upper, double *out, size_t start,
                                                                          size_t m, uint32_t *redo) {
    const size_t stride = draws->stride;
    const uint64_t *w0 = draws->words + start, *w1 = w0 + stride, *w2 = w1 + stride, *w3 = w2 + stride;
    const double *xs = draws->xs;
    out += start;
    const __m512d D1 = _mm512_set1_pd(g1->d), C1 = _mm512_set1_pd(g1->c), K1 = _mm512_set1_pd(g1->k);
    const __m512d D2 = _mm512_set1_pd(g2->d), C2 = _mm512_set1_pd(g2->c), K2 = _mm512_set1_pd(g2->k);
    const __m512d LOW = _mm512_set1_pd(low), WIDTH = _mm512_set1_pd(width);
    const __m512d LOWER = _mm512_set1_pd(lower), UPPER = _mm512_set1_pd(upper);
    const __m512d zero = _mm512_setzero_pd(), one = _mm512_set1_pd(1);
    size_t i = 0, count = 0;
    for (; i + 8 <= m; i += 8) {
        __mmask8 ok1, ok2;
        __m512d a = gamma8(w0 + i, w1 + i, xs, D1, C1, K1, &ok1);
        __m512d b = gamma8(w2 + i, w3 + i, xs, D2, C2, K2, &ok2);
        __m512d r = _mm512_div_pd(a, _mm512_add_pd(a, b));
        __mmask8 ok = ok1 & ok2 & _mm512_cmp_pd_mask(r, zero, _CMP_GT_OQ) & _mm512_cmp_pd_mask(r, one, _CMP_LT_OQ);
        _mm512_storeu_pd(out + i, clip8(_mm512_add_pd(LOW, _mm512_mul_pd(WIDTH, r)), LOWER, UPPER));
        count = list_bad8((__mmask8)~ok, start + i, redo, count);
    }
    for (; i < m; i++) redo[count++] = (uint32_t)(start + i);
    return count;
}

__attribute__((target("avx512f,avx512dq"))) static size_t gamma_chunk_avx512(const yesan_draws *draws,
                                                                           const yesan_gamma *g, double scale,
                                                                           double lower, double upper, double *out,
                                                                           size_t start, size_t m, uint32_t *redo) {
    const uint64_t *w0 = draws->words + start, *w1 = w0 + draws->stride;
    const double *xs = draws->xs;
    out += start;
    const __m512d D = _mm512_set1_pd(g->d), C = _mm512_set1_pd(g->c), K = _mm512_set1_pd(g->k);
    const __m512d SCALE = _mm512_set1_pd(scale), LOWER = _mm512_set1_pd(lower), UPPER = _mm512_set1_pd(upper);
    size_t i = 0, count = 0;
    for (; i + 8 <= m; i += 8) {
        __mmask8 ok;
        __m512d x = gamma8(w0 + i, w1 + i, xs, D, C, K, &ok);
        _mm512_storeu_pd(out + i, clip8(_mm512_mul_pd(SCALE, x), LOWER, UPPER));
        count = list_bad8((__mmask8)~ok, start + i, redo, count);
    }
    for (; i < m; i++) redo[count++] = (uint32_t)(start + i);
    return count;
}

__attribute__((target("avx512f,avx512dq"))) static void first_gamma_avx512(const yesan_draws *draws, size_t rn,
                                                                         size_t ru, const yesan_gamma *g, double *dst,
                                                                         size_t start, size_t m) {
    const uint64_t *wn = draws->words + rn * draws->stride + start, *wu = draws->words + ru * draws->stride + start;
    const __m512d D = _mm512_set1_pd(g->d), C = _mm512_set1_pd(g->c), K = _mm512_set1_pd(g->k);
    const __m512d nan = _mm512_set1_pd(__builtin_nan(""));
    size_t i = 0;
    for (; i + 8 <= m; i += 8) {
        __mmask8 ok;
        __m512d x = gamma8(wn + i, wu + i, draws->xs, D, C, K, &ok);
        _mm512_storeu_pd(dst + i, _mm512_mask_blend_pd(ok, nan, x));
    }
    for (; i < m; i++) dst[i] = __builtin_nan("");
}

// first_gamma_avx512 or first_gamma_avx2 (level 3 or 2).
static void first_gamma(int level, const yesan_draws *draws, size_t rn, size_t ru, const yesan_gamma *g, double *dst,
                        size_t start, size_t m) {
    if (level == 3) first_gamma_avx512(draws, rn, ru, g, dst, start, m);
    else first_gamma_avx2(draws, rn, ru, g, dst, start, m);
}
#endif

/// The widest vector path the kernels may use: 3 AVX-512, 2 AVX2, 0 none (tests lower it to
/// check every path; all give the same bits).
static int kernel_level = 3;

void yesan_set_sampler_level(int level) { __atomic_store_n(&kernel_level, level, __ATOMIC_RELAXED); }

// The widest path up to `cap` that yesan_set_sampler_level allows and the CPU has.
static int sampler_level_up_to(int cap) {
    int level = __atomic_load_n(&kernel_level, __ATOMIC_RELAXED);
    if (cap < level) level = cap;
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    if (level >= 3 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")) return 3;
    if (level >= 2 && __builtin_cpu_supports("avx2")) return 2;
#endif
    return 0;
}

void yesan_beta_sample(const yesan_draws *draws, yesan_gamma first, yesan_gamma second, double low, double width,
                       double lower, double upper, double *out, size_t n) {
    // Rows of the words: the first gamma's normal and uniform, its boost's uniform when its
    // shape is below 1, then the same for the second.
    size_t first_words = first.shape < 1 ? 3 : 2, second_words = second.shape < 1 ? 3 : 2;
    int level = 0;
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    if (draws->prefetched >= first_words + second_words) level = sampler_level_up_to(draws->level);
#endif
    if (level == 0) {
        for (size_t i = 0; i < n; i++) out[i] = beta_lane(draws, &first, &second, low, width, lower, upper, i);
        return;
    }
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    uint32_t redo[CHUNK + 16];
    double a[CHUNK], b[CHUNK];
    for (size_t start = 0; start < n; start += CHUNK) {
        size_t m = n - start < CHUNK ? n - start : CHUNK;
        if (first_words == 2 && second_words == 2) {
            size_t count = level == 3
                ? beta_chunk_avx512(draws, &first, &second, low, width, lower, upper, out, start, m, redo)
                : beta_chunk_avx2(draws, &first, &second, low, width, lower, upper, out, start, m, redo);
            for (size_t j = 0; j < count; j++) {
                out[redo[j]] = beta_lane(draws, &first, &second, low, width, lower, upper, redo[j]);
            }
            continue;
        }
        // A shape below 1: both first attempts in vectors, then the boost (two logarithms and an
        // exponential) lane by lane, as lane_gamma does it.
        first_gamma(level, draws, 0, 1, &first, a, start, m);
        first_gamma(level, draws, first_words, first_words + 1, &second, b, start, m);
        const uint64_t *boost1 = draws->words + 2 * draws->stride + start;
        const uint64_t *boost2 = draws->words + (first_words + 2) * draws->stride + start;
        for (size_t i = 0; i < m; i++) {
            double g1 = a[i], g2 = b[i];
            if (g1 == g1 && g2 == g2) {  // neither is NaN: both first attempts accepted
                if (first_words == 3) g1 = boost(g1, boost1[i], first.shape);
                if (second_words == 3) g2 = boost(g2, boost2[i], second.shape);
                double r = g1 / (g1 + g2);
                if (r > 0 && r < 1) {
                    out[start + i] = clip(low + width * r, lower, upper);
                    continue;
                }
            }
            out[start + i] = beta_lane(draws, &first, &second, low, width, lower, upper, start + i);
        }
    }
#endif
}

void yesan_gamma_sample(const yesan_draws *draws, yesan_gamma g, double scale, double lower, double upper, double *out,
                        size_t n) {
    size_t words = g.shape < 1 ? 3 : 2;
    int level = 0;
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    if (draws->prefetched >= words) level = sampler_level_up_to(draws->level);
#endif
    if (level == 0) {
        for (size_t i = 0; i < n; i++) out[i] = gamma_lane(draws, &g, scale, lower, upper, i);
        return;
    }
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    uint32_t redo[CHUNK + 16];
    double a[CHUNK];
    for (size_t start = 0; start < n; start += CHUNK) {
        size_t m = n - start < CHUNK ? n - start : CHUNK;
        if (words == 2) {
            size_t count = level == 3 ? gamma_chunk_avx512(draws, &g, scale, lower, upper, out, start, m, redo)
                                      : gamma_chunk_avx2(draws, &g, scale, lower, upper, out, start, m, redo);
            for (size_t j = 0; j < count; j++) out[redo[j]] = gamma_lane(draws, &g, scale, lower, upper, redo[j]);
            continue;
        }
        first_gamma(level, draws, 0, 1, &g, a, start, m);
        const uint64_t *boosts = draws->words + 2 * draws->stride + start;
        for (size_t i = 0; i < m; i++) {
            out[start + i] = a[i] == a[i] ? clip(scale * boost(a[i], boosts[i], g.shape), lower, upper)
                                          : gamma_lane(draws, &g, scale, lower, upper, start + i);
        }
    }
#endif
}

void yesan_normal_sample(const yesan_draws *draws, double *out, size_t n) {
    const double *xs = draws->xs;
    for (size_t start = 0; start < n; start += 256) {
        const uint64_t *w = draws->words + start;
        size_t m = n - start < 256 ? n - start : 256, done = 0, count = 0;
        uint32_t redo[256 + 16];  // list_bad8 stores 16 entries past the last
        uint64_t saved[256];
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
        int level = sampler_level_up_to(draws->level);
        if (level == 3) count = normal_chunk_avx512(w, xs, out + start, m, redo, saved, &done);
        else if (level == 2) count = normal_chunk_avx2(w, xs, out + start, m, redo, saved, &done);
#endif
        // The lanes no vector took go whole through the scalar ziggurat.
        for (size_t i = done; i < m; i++) {
            redo[count] = (uint32_t)i;
            saved[count] = w[i];
            count++;
        }
        // The listed lanes: the whole ziggurat from the saved first word, later words from Philox
        // (draws 1, 2, … of the lane's stream).
        for (size_t j = 0; j < count; j++) {
            lane_stream s = {&saved[j], 0, 1, 0, draws, draws->first + start + redo[j]};
            out[start + redo[j]] = lane_normal(&s);
        }
    }
}
