// The usual path of the engine's beta sampler (Distribution+Sampling.swift `standardBeta` with
// both shapes ≥ 1: two Marsaglia–Tsang gammas, each a ziggurat normal and a uniform), four trials
// per AVX2 instruction. Lanes that leave the usual path come back NaN and are finished in Swift
// (BatchDraws.betaLanes), so the values are those of the sequential sampler, bit for bit.
#include "_YesanKernels.h"

#pragma STDC FP_CONTRACT OFF
#if defined(__clang__)
#pragma clang fp contract(off)
#endif

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

// The ziggurat's usual path for four first words: the signed point x in its layer's rectangle
// (bits 0–7 the layer, 8 the sign, 11–63 the position); *inside gets all-ones lanes where it falls
// inside the rectangle, so that x is a standard normal draw.
__attribute__((target("avx2"))) static inline __m256d ziggurat4(__m256i wn, const double *xs, __m256d *inside) {
    const __m256i byte = _mm256_set1_epi64x(0xFF), sign_bit = _mm256_set1_epi64x(0x100);
    __m256i idx = _mm256_and_si256(wn, byte);
    __m256d xi = _mm256_i64gather_pd(xs, idx, 8), xnext = _mm256_i64gather_pd(xs + 1, idx, 8);
    __m256d a = _mm256_mul_pd(_mm256_mul_pd(u53_to_double(_mm256_srli_epi64(wn, 11)), _mm256_set1_pd(0x1p-53)), xi);
    *inside = _mm256_cmp_pd(a, xnext, _CMP_LT_OQ);
    __m256i negative = _mm256_cmpeq_epi64(_mm256_and_si256(wn, sign_bit), sign_bit);
    return _mm256_xor_pd(a, _mm256_and_pd(_mm256_castsi256_pd(negative), _mm256_set1_pd(-0.0)));
}

// First attempt of Gamma(shape, 1), d = shape − 1/3, c = 1/√(9d), k = 1/(54d), from the normal's
// word wn and the uniform's word wu; *ok gets all-ones lanes where the attempt is accepted by one of
// the two squeezes of `gammaSqueeze` (Distribution+Sampling.swift), evaluated as it does.
__attribute__((target("avx2"))) static inline __m256d gamma4(__m256i wn, __m256i wu, const double *xs, __m256d d,
                                                             __m256d c, __m256d k, __m256d *ok) {
    __m256d inside;
    __m256d x = ziggurat4(wn, xs, &inside);
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

// Ziggurat normals from their first words, four at a time: the value where the point falls in
// its layer's rectangle (98.8 %), NaN elsewhere (the caller finishes those with the full method).
__attribute__((target("avx2"))) static size_t normal_fast_avx2(const uint64_t *w, const double *xs, double *out,
                                                               size_t n) {
    const __m256d nan = _mm256_set1_pd(__builtin_nan(""));
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        __m256d inside;
        __m256d x = ziggurat4(_mm256_loadu_si256((const __m256i *)(w + i)), xs, &inside);
        _mm256_storeu_pd(out + i, _mm256_blendv_pd(nan, x, inside));
    }
    return i;
}

__attribute__((target("avx2"))) static size_t beta_fast_avx2(const uint64_t *w0, const uint64_t *w1, const uint64_t *w2,
                                                             const uint64_t *w3, const double *xs, double d1, double c1,
                                                             double k1, double d2, double c2, double k2, double *out,
                                                             size_t n) {
    const __m256d D1 = _mm256_set1_pd(d1), C1 = _mm256_set1_pd(c1), D2 = _mm256_set1_pd(d2), C2 = _mm256_set1_pd(c2);
    const __m256d K1 = _mm256_set1_pd(k1), K2 = _mm256_set1_pd(k2);
    const __m256d zero = _mm256_setzero_pd(), one = _mm256_set1_pd(1), nan = _mm256_set1_pd(__builtin_nan(""));
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        __m256d ok1, ok2;
        __m256d g1 = gamma4(_mm256_loadu_si256((const __m256i *)(w0 + i)), _mm256_loadu_si256((const __m256i *)(w1 + i)),
                            xs, D1, C1, K1, &ok1);
        __m256d g2 = gamma4(_mm256_loadu_si256((const __m256i *)(w2 + i)), _mm256_loadu_si256((const __m256i *)(w3 + i)),
                            xs, D2, C2, K2, &ok2);
        __m256d r = _mm256_div_pd(g1, _mm256_add_pd(g1, g2));
        __m256d ok = _mm256_and_pd(_mm256_and_pd(ok1, ok2),
                                   _mm256_and_pd(_mm256_cmp_pd(r, zero, _CMP_GT_OQ), _mm256_cmp_pd(r, one, _CMP_LT_OQ)));
        _mm256_storeu_pd(out + i, _mm256_blendv_pd(nan, r, ok));
    }
    return i;
}

// The same with AVX-512F and DQ, eight trials per instruction: the exact integer-to-double
// conversion is one vcvtuqq2pd, and the lane masks live in mask registers. The operations on
// doubles are those of the AVX2 path, in the same order: the same bits.
__attribute__((target("avx512f,avx512dq"))) static inline __m512d ziggurat8(__m512i wn, const double *xs, __mmask8 *inside) {
    const __m512i byte = _mm512_set1_epi64(0xFF), sign_bit = _mm512_set1_epi64(0x100);
    __m512i idx = _mm512_and_si512(wn, byte);
    __m512d xi = _mm512_i64gather_pd(idx, xs, 8), xnext = _mm512_i64gather_pd(idx, xs + 1, 8);
    __m512d a = _mm512_mul_pd(_mm512_mul_pd(_mm512_cvtepu64_pd(_mm512_srli_epi64(wn, 11)), _mm512_set1_pd(0x1p-53)), xi);
    *inside = _mm512_cmp_pd_mask(a, xnext, _CMP_LT_OQ);
    __mmask8 negative = _mm512_test_epi64_mask(wn, sign_bit);
    return _mm512_mask_xor_pd(a, negative, a, _mm512_set1_pd(-0.0));
}

__attribute__((target("avx512f,avx512dq"))) static inline __m512d gamma8(__m512i wn, __m512i wu, const double *xs, __m512d d,
                                                                       __m512d c, __m512d k, __mmask8 *ok) {
    __mmask8 inside;
    __m512d x = ziggurat8(wn, xs, &inside);
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

__attribute__((target("avx512f,avx512dq"))) static size_t normal_fast_avx512(const uint64_t *w, const double *xs, double *out,
                                                                           size_t n) {
    const __m512d nan = _mm512_set1_pd(__builtin_nan(""));
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __mmask8 inside;
        __m512d x = ziggurat8(_mm512_loadu_si512((const void *)(w + i)), xs, &inside);
        _mm512_storeu_pd(out + i, _mm512_mask_blend_pd(inside, nan, x));
    }
    return i;
}

__attribute__((target("avx512f,avx512dq"))) static size_t beta_fast_avx512(const uint64_t *w0, const uint64_t *w1,
                                                                         const uint64_t *w2, const uint64_t *w3,
                                                                         const double *xs, double d1, double c1,
                                                                         double k1, double d2, double c2, double k2,
                                                                         double *out, size_t n) {
    const __m512d D1 = _mm512_set1_pd(d1), C1 = _mm512_set1_pd(c1), D2 = _mm512_set1_pd(d2), C2 = _mm512_set1_pd(c2);
    const __m512d K1 = _mm512_set1_pd(k1), K2 = _mm512_set1_pd(k2);
    const __m512d zero = _mm512_setzero_pd(), one = _mm512_set1_pd(1), nan = _mm512_set1_pd(__builtin_nan(""));
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __mmask8 ok1, ok2;
        __m512d g1 = gamma8(_mm512_loadu_si512((const void *)(w0 + i)), _mm512_loadu_si512((const void *)(w1 + i)), xs,
                            D1, C1, K1, &ok1);
        __m512d g2 = gamma8(_mm512_loadu_si512((const void *)(w2 + i)), _mm512_loadu_si512((const void *)(w3 + i)), xs,
                            D2, C2, K2, &ok2);
        __m512d r = _mm512_div_pd(g1, _mm512_add_pd(g1, g2));
        __mmask8 ok = ok1 & ok2 & _mm512_cmp_pd_mask(r, zero, _CMP_GT_OQ) & _mm512_cmp_pd_mask(r, one, _CMP_LT_OQ);
        _mm512_storeu_pd(out + i, _mm512_mask_blend_pd(ok, nan, r));
    }
    return i;
}
#endif

/// The widest vector path the kernels may use: 3 AVX-512, 2 AVX2, 0 none (tests lower it to
/// check every path; all give the same bits).
static int kernel_level = 3;

void yesan_set_sampler_level(int level) { __atomic_store_n(&kernel_level, level, __ATOMIC_RELAXED); }

static int sampler_level(void) {
    int level = __atomic_load_n(&kernel_level, __ATOMIC_RELAXED);
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    if (level >= 3 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")) return 3;
    if (level >= 2 && __builtin_cpu_supports("avx2")) return 2;
#endif
    return 0;
}

size_t yesan_beta_fast(const uint64_t *w0, const uint64_t *w1, const uint64_t *w2, const uint64_t *w3, const double *xs,
                       double d1, double c1, double k1, double d2, double c2, double k2, double *out, size_t n) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    int level = sampler_level();
    if (level == 3) return beta_fast_avx512(w0, w1, w2, w3, xs, d1, c1, k1, d2, c2, k2, out, n);
    if (level == 2) return beta_fast_avx2(w0, w1, w2, w3, xs, d1, c1, k1, d2, c2, k2, out, n);
#endif
    (void)w0; (void)w1; (void)w2; (void)w3; (void)xs; (void)d1; (void)c1; (void)k1; (void)d2; (void)c2; (void)k2; (void)out; (void)n;
    return 0;
}

size_t yesan_normal_fast(const uint64_t *w, const double *xs, double *out, size_t n) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    int level = sampler_level();
    if (level == 3) return normal_fast_avx512(w, xs, out, n);
    if (level == 2) return normal_fast_avx2(w, xs, out, n);
#endif
    (void)w; (void)xs; (void)out; (void)n;
    return 0;
}
