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

/// 3 when yesan_philox_fill uses AVX-512F on this CPU, 2 for AVX2, 0 for the portable scalar loop.
int yesan_philox_level(void);
/// yesan_philox_fill with the widest path up to `level` (3 AVX-512F, 2 AVX2, 0 scalar) that this
/// CPU has: every path gives the same words, which the tests check on each.
void yesan_philox_fill_level(int level, uint64_t key, uint32_t year, uint32_t draw, uint64_t first, size_t n,
                             uint64_t *out);

// Element-wise loops over the n lanes of a block (lanes.c); arrays never overlap.
/// x = value
void yesan_fill(double *x, double value, size_t n);
/// acc += x
void yesan_add(double *acc, const double *x, size_t n);
/// acc += x · w
void yesan_add_product(double *acc, const double *x, const double *w, size_t n);
/// p = x · w; acc += p; acc2 += p (the same product added to two sums)
void yesan_add_product2(double *acc, double *acc2, const double *x, const double *w, size_t n);
/// factor *= 1 + growth
void yesan_grow(double *factor, const double *growth, size_t n);
/// The words of one stream and year for a run of n trials (lane i is trial first + i), as the
/// engine's samplers read them (Swift's PrefetchedStream): word `draw` of lane i is
/// words[draw · stride + i] for draw < prefetched, else Philox word `draw` of (first + i, year)
/// under `key`, computed when needed. xs and fs are the ziggurat's 257 layer edges and the normal
/// density exp(−x²/2) at them (ZigguratNormal), tail its r (where the tail starts). level: the
/// widest vector path to use (3 AVX-512F+DQ, 2 AVX2, 0 none), lowered to what the CPU has and
/// yesan_set_sampler_level allows; every path gives the same values (tests pass each).
typedef struct yesan_draws {
    const uint64_t *words;
    size_t stride;
    uint32_t prefetched;
    uint32_t year;
    uint64_t key;
    uint64_t first;
    const double *xs;
    const double *fs;
    double tail;
    int32_t level;
} yesan_draws;

/// One Marsaglia–Tsang gamma of `standardGamma(shape:)`: its shape, and d = s − 1/3,
/// c = 1/√(9d), k = 1/(54d) of s = shape (shape ≥ 1) or s = shape + 1 (shape < 1, whose value
/// is then boosted by one more uniform), computed as the Swift sampler computes them.
typedef struct yesan_gamma {
    double shape, d, c, k;
} yesan_gamma;

/// out[i] = clip(low + width · standardBeta(first.shape, second.shape)) on lane i's stream, bit
/// for bit as Distribution.sample (beta: low 0, width 1; PERT: its min and max − min), clip being
/// Swift.min(Swift.max(x, lower), upper). The shapes must not both be ≤ 1 (Jöhnk's method is not
/// here), and `prefetched` must cover the first attempts (2 words per gamma, 3 for a shape below
/// 1) for the vector path to run. Each gamma's first attempt runs eight (AVX-512) or four (AVX2)
/// trials at a time; a trial that leaves it runs the whole sequential algorithm (beta.c).
void yesan_beta_sample(const yesan_draws *draws, yesan_gamma first, yesan_gamma second, double low, double width,
                       double lower, double upper, double *out, size_t n);
/// out[i] = clip(scale · standardGamma(g.shape)) on lane i's stream, as yesan_beta_sample.
void yesan_gamma_sample(const yesan_draws *draws, yesan_gamma g, double scale, double lower, double upper, double *out,
                        size_t n);
/// out[i] = standardNormal(first: draws.words[i], using: the rest of lane i's stream), bit for bit:
/// the ziggurat's rectangle eight (AVX-512) or four (AVX2) trials at a time, the whole algorithm
/// (wedge, tail, retries; later words from Philox) for the others. `out` may be draws.words itself.
void yesan_normal_sample(const yesan_draws *draws, double *out, size_t n);
/// Caps the vector path of yesan_beta_sample, yesan_gamma_sample and yesan_normal_sample (3
/// AVX-512F+DQ, eight trials at a time; 2 AVX2; 0 none) for tests: every path gives the same
/// bits. Default 3 (the widest the CPU has).
void yesan_set_sampler_level(int level);
// A year's pass over the programs (Model.requested, Model.spendAndSum, Model.constrain): one call
// for all of them.

/// One program's requested budget, budget = requested = alive ≠ 0 ? size · growth · (cost ·
/// cost_growth) · m : 0 (by participants) or alive ≠ 0 ? size · growth · m : 0 (by budget), and
/// its demand on the first limited source.
typedef struct {
    /// size · growth (· cost · cost_growth when `cost` is not NULL: a program by participants)
    const double *size, *growth, *cost, *cost_growth;
    /// NULL: m = 1 and alive everywhere (a program no event touches).
    const double *m, *alive;
    /// The requested budget's own row, or NULL when no sum reads it.
    double *requested;
    double *budget;
    /// Its share of the first limited source (NULL: it does not draw on it), and its priority
    /// group's demand row (NULL: none).
    const double *sigma;
    double *group;
} yesan_request;

/// The requested budgets of `count` programs in order, each followed by demand += budget · sigma
/// (and group += the same product) when `demand` and its sigma are not NULL.
void yesan_requested_programs(const yesan_request *programs, size_t count, double *demand, size_t n);

/// One program's spend = budget · execution, people = spend / (cost · cost_growth) (0 without
/// cost), placed = people · rate, each of budget, spend, people, placed added to its first sum,
/// acc_weighted += budget · sigma, then its further sums.
typedef struct {
    const double *budget, *execution;
    /// NULL: no participants (no unit cost, or none needed this year).
    const double *cost;
    const double *cost_growth, *rate;
    /// The first sum of each of budget, spend, participants, placements (a scratch row when none).
    double *acc_budget, *acc_spend, *acc_people, *acc_placed;
    /// The first share-weighted budget sum and its share row (NULL: none; sigma then any row).
    double *acc_weighted;
    const double *sigma;
    /// Its further sums: sums[first_sum ..< first_sum + sum_count].
    uint32_t first_sum, sum_count;
    /// Whether a further sum reads its spend, participants or placements (written to the shared rows).
    int32_t keep;
} yesan_spender;

/// One further sum: acc += x − minus (minus not NULL), acc += x · weight (weight not NULL), else
/// acc += x. x NULL: the program's spend (flow 1), participants (2) or placements (3).
typedef struct {
    double *acc;
    const double *x, *weight, *minus;
    int32_t flow;
} yesan_sum;

/// The spend pass of `count` programs in order; spend, people, placed: the shared rows for each
/// program's own values (written only when `keep`).
void yesan_spend_programs(const yesan_spender *programs, size_t count, const yesan_sum *sums, double *spend,
                          double *people, double *placed, size_t n);

/// budgets[j] = sigmas[j] > 0 ? budgets[j] · factor : budgets[j] for j < count (a cut on the
/// programs drawing on a source).
void yesan_scale_programs(double *const *budgets, const double *const *sigmas, size_t count, const double *factor,
                          size_t n);

// Events (Model.apply, Model.drawEvents): lane i "fires" when fy[i] == year.
/// x = fires ? x · w : x
void yesan_event_scale(double *x, const double *w, const int32_t *fy, int32_t year, size_t n);
/// x = fires ? value : x
void yesan_event_set(double *x, double value, const int32_t *fy, int32_t year, size_t n);
/// keep = max(1 − removed · (1 − absorbed), 0), with absorbed read from keep itself
void yesan_event_keep(double *keep, const double *removed, size_t n);
/// sigma = fires ∧ keep > 0 ? (sigma · (1 − cut) + absorb · removed) / keep : sigma
void yesan_event_share(double *sigma, const double *cut, const double *absorb, const double *removed,
                       const double *keep, const int32_t *fy, int32_t year, size_t n);
/// terminated = fires ? 1 : terminated; alive = fires ? 0 : alive
void yesan_event_terminate(uint8_t *terminated, double *alive, const int32_t *fy, int32_t year, size_t n);
/// activated = fires ? 1 : activated; alive = fires ? (ended = 0 ? 1 : 0) : alive
void yesan_event_activate(uint8_t *activated, double *alive, const uint8_t *ended, const int32_t *fy, int32_t year,
                          size_t n);
/// fy = v ∈ [first, last] and whole ? v − first : −1 (a drawn calendar year to a horizon index)
void yesan_event_years(int32_t *fy, const double *v, double first, double last, size_t n);
/// fy = u < p ? fy : −1
void yesan_event_probability(int32_t *fy, const double *u, double p, size_t n);

#endif
