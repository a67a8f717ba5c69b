// Element-wise loops of the engine's model over the lanes of a block (Model.swift), compiled
// twice: for AVX2 (four doubles per instruction; chosen at run time) and for any CPU. Every
// operation is an IEEE-754 addition, multiplication, division or select, in the order Model.swift
// documents, never contracted into a fused multiply-add: both versions give the same bits.
#include "_YesanKernels.h"

#pragma STDC FP_CONTRACT OFF
#if defined(__clang__)
#pragma clang fp contract(off)
#endif

#define YESAN_LANE_KERNELS(S, ATTR)                                                                                    \
    ATTR static void fill_##S(double *restrict x, double value, size_t n) {                                            \
        for (size_t i = 0; i < n; i++) x[i] = value;                                                                   \
    }                                                                                                                  \
    ATTR static void add_##S(double *restrict acc, const double *restrict x, size_t n) {                               \
        for (size_t i = 0; i < n; i++) acc[i] += x[i];                                                                 \
    }                                                                                                                  \
    ATTR static void add_product_##S(double *restrict acc, const double *restrict x, const double *restrict w,         \
                                     size_t n) {                                                                       \
        for (size_t i = 0; i < n; i++) acc[i] += x[i] * w[i];                                                          \
    }                                                                                                                  \
    ATTR static void add_product2_##S(double *restrict acc, double *restrict acc2, const double *restrict x,           \
                                      const double *restrict w, size_t n) {                                            \
        for (size_t i = 0; i < n; i++) {                                                                               \
            double p = x[i] * w[i];                                                                                    \
            acc[i] += p;                                                                                               \
            acc2[i] += p;                                                                                              \
        }                                                                                                              \
    }                                                                                                                  \
    ATTR static void add_difference_##S(double *restrict acc, const double *restrict a, const double *restrict b,      \
                                        size_t n) {                                                                    \
        for (size_t i = 0; i < n; i++) acc[i] += a[i] - b[i];                                                          \
    }                                                                                                                  \
    ATTR static void grow_##S(double *restrict f, const double *restrict g, size_t n) {                                \
        for (size_t i = 0; i < n; i++) f[i] *= 1 + g[i];                                                               \
    }                                                                                                                  \
    ATTR static void requested_people_##S(double *restrict r, double *restrict budget, const double *restrict size,    \
                                          const double *restrict growth, const double *restrict cost,                  \
                                          const double *restrict cost_growth, const double *restrict m,                \
                                          const double *restrict alive, size_t n) {                                    \
        if (!m) {                                                                                                      \
            for (size_t i = 0; i < n; i++) budget[i] = size[i] * growth[i] * (cost[i] * cost_growth[i]);               \
        } else {                                                                                                       \
            for (size_t i = 0; i < n; i++) {                                                                           \
                double x = size[i] * growth[i] * (cost[i] * cost_growth[i]) * m[i];                                    \
                budget[i] = alive[i] != 0 ? x : 0;                                                                     \
            }                                                                                                          \
        }                                                                                                              \
        if (r)                                                                                                         \
            for (size_t i = 0; i < n; i++) r[i] = budget[i];                                                           \
    }                                                                                                                  \
    ATTR static void requested_budget_##S(double *restrict r, double *restrict budget, const double *restrict size,    \
                                          const double *restrict growth, const double *restrict m,                     \
                                          const double *restrict alive, size_t n) {                                    \
        if (!m) {                                                                                                      \
            for (size_t i = 0; i < n; i++) budget[i] = size[i] * growth[i];                                            \
        } else {                                                                                                       \
            for (size_t i = 0; i < n; i++) {                                                                           \
                double x = size[i] * growth[i] * m[i];                                                                 \
                budget[i] = alive[i] != 0 ? x : 0;                                                                     \
            }                                                                                                          \
        }                                                                                                              \
        if (r)                                                                                                         \
            for (size_t i = 0; i < n; i++) r[i] = budget[i];                                                           \
    }                                                                                                                  \
    ATTR static void spend_sum_##S(double *restrict spend, double *restrict people, double *restrict placed,           \
                                   const double *restrict budget, const double *restrict execution,                    \
                                   const double *restrict cost, const double *restrict cost_growth,                    \
                                   const double *restrict rate, double *restrict acc_budget,                           \
                                   double *restrict acc_spend, double *restrict acc_people,                            \
                                   double *restrict acc_placed, double *restrict acc_weighted,                         \
                                   const double *restrict sigma, size_t n) {                                           \
        if (cost && spend) {                                                                                           \
            for (size_t i = 0; i < n; i++) {                                                                           \
                double s = budget[i] * execution[i], x = s / (cost[i] * cost_growth[i]), l = x * rate[i];              \
                spend[i] = s;                                                                                          \
                people[i] = x;                                                                                         \
                placed[i] = l;                                                                                         \
                acc_budget[i] += budget[i];                                                                            \
                acc_spend[i] += s;                                                                                     \
                acc_people[i] += x;                                                                                    \
                acc_placed[i] += l;                                                                                    \
            }                                                                                                          \
        } else if (cost) {                                                                                             \
            for (size_t i = 0; i < n; i++) {                                                                           \
                double s = budget[i] * execution[i], x = s / (cost[i] * cost_growth[i]), l = x * rate[i];              \
                acc_budget[i] += budget[i];                                                                            \
                acc_spend[i] += s;                                                                                     \
                acc_people[i] += x;                                                                                    \
                acc_placed[i] += l;                                                                                    \
            }                                                                                                          \
        } else {                                                                                                       \
            /* (The branch stays outside the loop: a store under a mask is slow on some CPUs.) */                      \
            if (spend) {                                                                                               \
                for (size_t i = 0; i < n; i++) {                                                                       \
                    spend[i] = budget[i] * execution[i];                                                               \
                    people[i] = 0;                                                                                     \
                    placed[i] = 0;                                                                                     \
                }                                                                                                      \
            }                                                                                                          \
            for (size_t i = 0; i < n; i++) {                                                                           \
                double s = budget[i] * execution[i];                                                                   \
                acc_budget[i] += budget[i];                                                                            \
                acc_spend[i] += s;                                                                                     \
                acc_people[i] += 0;                                                                                    \
                acc_placed[i] += 0;                                                                                    \
            }                                                                                                          \
        }                                                                                                              \
        if (acc_weighted)                                                                                              \
            for (size_t i = 0; i < n; i++) acc_weighted[i] += budget[i] * sigma[i];                                    \
    }                                                                                                                  \
    ATTR static void scale_where_##S(double *restrict budget, const double *restrict sigma,                            \
                                     const double *restrict factor, size_t n) {                                        \
        /* budget times 1 is budget: select the factor, then multiply unconditionally. */                              \
        for (size_t i = 0; i < n; i++) budget[i] *= sigma[i] > 0 ? factor[i] : 1.0;                                    \
    }                                                                                                                  \
    ATTR static void requested_programs_##S(const yesan_request *restrict programs, size_t count,                      \
                                            double *restrict demand, size_t n) {                                       \
        for (size_t j = 0; j < count; j++) {                                                                           \
            const yesan_request *p = &programs[j];                                                                     \
            double *budget = p->budget;                                                                                \
            double *r = p->requested;                                                                                  \
            const double *m = p->m, *alive = p->alive;                                                                 \
            if (p->cost)                                                                                               \
                requested_people_##S(r, budget, p->size, p->growth, p->cost,                                           \
                                     p->cost_growth, m, alive, n);                                                     \
            else                                                                                                       \
                requested_budget_##S(r, budget, p->size, p->growth, m, alive, n);                                      \
            if (demand && p->sigma) {                                                                                  \
                if (p->group)                                                                                          \
                    add_product2_##S(demand, p->group, budget, p->sigma, n);                                           \
                else                                                                                                   \
                    add_product_##S(demand, budget, p->sigma, n);                                                      \
            }                                                                                                          \
        }                                                                                                              \
    }                                                                                                                  \
    ATTR static void spend_programs_##S(const yesan_spender *restrict programs, size_t count,                          \
                                        const yesan_sum *restrict sums, double *restrict spend,                        \
                                        double *restrict people, double *restrict placed, size_t n) {                  \
        for (size_t j = 0; j < count; j++) {                                                                           \
            const yesan_spender *p = &programs[j];                                                                     \
            spend_sum_##S(p->keep ? spend : NULL, people, placed, p->budget, p->execution,                             \
                          p->cost, p->cost_growth, p->rate,                                                            \
                          p->acc_budget, p->acc_spend, p->acc_people,                                                  \
                          p->acc_placed, p->acc_weighted,                                                              \
                          p->sigma, n);                                                                                \
            for (uint32_t e = p->first_sum; e < p->first_sum + p->sum_count; e++) {                                    \
                const yesan_sum *q = &sums[e];                                                                         \
                const double *x = q->x ? q->x : q->flow == 1 ? spend : q->flow == 2 ? people : placed;                 \
                if (q->minus)                                                                                          \
                    add_difference_##S(q->acc, x, q->minus, n);                                                        \
                else if (q->weight)                                                                                    \
                    add_product_##S(q->acc, x, q->weight, n);                                                          \
                else                                                                                                   \
                    add_##S(q->acc, x, n);                                                                             \
            }                                                                                                          \
        }                                                                                                              \
    }                                                                                                                  \
    ATTR static void scale_programs_##S(double *const *restrict budgets, const double *const *restrict sigmas,         \
                                        size_t count, const double *restrict factor, size_t n) {                       \
        for (size_t j = 0; j < count; j++) scale_where_##S(budgets[j], sigmas[j], factor, n);                          \
    }                                                                                                                  \
    ATTR static void event_scale_##S(double *restrict x, const double *restrict w, const int32_t *restrict fy,         \
                                     int32_t year, size_t n) {                                                         \
        for (size_t i = 0; i < n; i++) {                                                                               \
            double y = x[i] * w[i];                                                                                    \
            x[i] = fy[i] == year ? y : x[i];                                                                           \
        }                                                                                                              \
    }                                                                                                                  \
    ATTR static void event_set_##S(double *restrict x, double value, const int32_t *restrict fy, int32_t year,         \
                                   size_t n) {                                                                         \
        for (size_t i = 0; i < n; i++) x[i] = fy[i] == year ? value : x[i];                                            \
    }                                                                                                                  \
    ATTR static void event_keep_##S(double *restrict keep, const double *restrict removed, size_t n) {                 \
        /* Swift.max(v, 0) is 0 >= v ? 0 : v. */                                                                       \
        for (size_t i = 0; i < n; i++) {                                                                               \
            double v = 1 - removed[i] * (1 - keep[i]);                                                                 \
            keep[i] = 0 >= v ? 0 : v;                                                                                  \
        }                                                                                                              \
    }                                                                                                                  \
    ATTR static void event_share_##S(double *restrict sigma, const double *restrict cut,                               \
                                     const double *restrict absorb, const double *restrict removed,                    \
                                     const double *restrict keep, const int32_t *restrict fy, int32_t year,            \
                                     size_t n) {                                                                       \
        for (size_t i = 0; i < n; i++) {                                                                               \
            double next = (sigma[i] * (1 - cut[i]) + absorb[i] * removed[i]) / keep[i];                                \
            sigma[i] = fy[i] == year && keep[i] > 0 ? next : sigma[i];                                                 \
        }                                                                                                              \
    }                                                                                                                  \
    ATTR static void event_terminate_##S(uint8_t *restrict terminated, double *restrict alive,                         \
                                         const int32_t *restrict fy, int32_t year, size_t n) {                         \
        for (size_t i = 0; i < n; i++) {                                                                               \
            terminated[i] = fy[i] == year ? 1 : terminated[i];                                                         \
            alive[i] = fy[i] == year ? 0 : alive[i];                                                                   \
        }                                                                                                              \
    }                                                                                                                  \
    ATTR static void event_activate_##S(uint8_t *restrict activated, double *restrict alive,                           \
                                        const uint8_t *ended, const int32_t *restrict fy, int32_t year, size_t n) {    \
        /* ended may be the terminated row just written (a program that succeeds itself). */                           \
        for (size_t i = 0; i < n; i++) {                                                                               \
            activated[i] = fy[i] == year ? 1 : activated[i];                                                           \
            alive[i] = fy[i] == year ? (ended[i] == 0 ? 1.0 : 0.0) : alive[i];                                         \
        }                                                                                                              \
    }                                                                                                                  \
    ATTR static void event_years_##S(int32_t *restrict fy, const double *restrict v, double first, double last,        \
                                     size_t n) {                                                                       \
        /* Whole: v equals its truncation (the same test as equality with its rounding). */                            \
        for (size_t i = 0; i < n; i++) {                                                                               \
            double x = v[i];                                                                                           \
            int inside = x >= first && x <= last && x == __builtin_trunc(x);                                           \
            fy[i] = (int32_t)(inside ? x - first : -1.0);                                                              \
        }                                                                                                              \
    }                                                                                                                  \
    ATTR static void event_probability_##S(int32_t *restrict fy, const double *restrict u, double p, size_t n) {       \
        for (size_t i = 0; i < n; i++) fy[i] = u[i] < p ? fy[i] : -1;                                                  \
    }

YESAN_LANE_KERNELS(generic, )

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define YESAN_LANES_AVX2 1
YESAN_LANE_KERNELS(avx2, __attribute__((target("avx2"))))

static int lanes_avx2(void) {
    static int level = -1;  // -1 unknown; written once with the same value by any thread
    int l = __atomic_load_n(&level, __ATOMIC_RELAXED);
    if (l < 0) {
        l = __builtin_cpu_supports("avx2") ? 1 : 0;
        __atomic_store_n(&level, l, __ATOMIC_RELAXED);
    }
    return l;
}
#define YESAN_DISPATCH(name, ...)                                                                                      \
    do {                                                                                                               \
        if (lanes_avx2()) name##_avx2(__VA_ARGS__);                                                                    \
        else name##_generic(__VA_ARGS__);                                                                              \
    } while (0)
#else
#define YESAN_DISPATCH(name, ...) name##_generic(__VA_ARGS__)
#endif

void yesan_fill(double *x, double value, size_t n) { YESAN_DISPATCH(fill, x, value, n); }
void yesan_add(double *acc, const double *x, size_t n) { YESAN_DISPATCH(add, acc, x, n); }
void yesan_add_product(double *acc, const double *x, const double *w, size_t n) {
    YESAN_DISPATCH(add_product, acc, x, w, n);
}
void yesan_add_product2(double *acc, double *acc2, const double *x, const double *w, size_t n) {
    YESAN_DISPATCH(add_product2, acc, acc2, x, w, n);
}
void yesan_grow(double *factor, const double *growth, size_t n) { YESAN_DISPATCH(grow, factor, growth, n); }
void yesan_requested_programs(const yesan_request *programs, size_t count, double *demand, size_t n) {
    YESAN_DISPATCH(requested_programs, programs, count, demand, n);
}
void yesan_spend_programs(const yesan_spender *programs, size_t count, const yesan_sum *sums, double *spend,
                          double *people, double *placed, size_t n) {
    YESAN_DISPATCH(spend_programs, programs, count, sums, spend, people, placed, n);
}
void yesan_scale_programs(double *const *budgets, const double *const *sigmas, size_t count, const double *factor,
                          size_t n) {
    YESAN_DISPATCH(scale_programs, budgets, sigmas, count, factor, n);
}
void yesan_event_scale(double *x, const double *w, const int32_t *fy, int32_t year, size_t n) {
    YESAN_DISPATCH(event_scale, x, w, fy, year, n);
}
void yesan_event_set(double *x, double value, const int32_t *fy, int32_t year, size_t n) {
    YESAN_DISPATCH(event_set, x, value, fy, year, n);
}
void yesan_event_keep(double *keep, const double *removed, size_t n) { YESAN_DISPATCH(event_keep, keep, removed, n); }
void yesan_event_share(double *sigma, const double *cut, const double *absorb, const double *removed, const double *keep,
                       const int32_t *fy, int32_t year, size_t n) {
    YESAN_DISPATCH(event_share, sigma, cut, absorb, removed, keep, fy, year, n);
}
void yesan_event_terminate(uint8_t *terminated, double *alive, const int32_t *fy, int32_t year, size_t n) {
    YESAN_DISPATCH(event_terminate, terminated, alive, fy, year, n);
}
void yesan_event_activate(uint8_t *activated, double *alive, const uint8_t *ended, const int32_t *fy, int32_t year,
                          size_t n) {
    YESAN_DISPATCH(event_activate, activated, alive, ended, fy, year, n);
}
void yesan_event_years(int32_t *fy, const double *v, double first, double last, size_t n) {
    YESAN_DISPATCH(event_years, fy, v, first, last, n);
}
void yesan_event_probability(int32_t *fy, const double *u, double p, size_t n) {
    YESAN_DISPATCH(event_probability, fy, u, p, n);
}
