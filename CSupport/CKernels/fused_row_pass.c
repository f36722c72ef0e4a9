#include "FusedRowPass.h"
#include "judgment_value.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define WRE_X86_DISPATCH 1
#endif

// Layout of the pass (memory-bound: the point is to read each element of A from memory once).
//
// Rows go in blocks of ROWS = 4, which are contiguous in A (4 · n doubles, 32 KB at n = 1000).
// A block needs two sweeps: its four dot products a_r · p (four independent vector accumulators,
// p loaded once per column chunk), then, once the closed form has given the four j_r, the update
// acc += Σ_r j_r a_r (acc loaded and stored once per chunk). The sweeps are software-pipelined:
// one loop computes the dot products of block b + 1, streaming it from memory, and adds block b
// (still in L1/L2) into acc, so the memory stream never waits for the update and each element of
// A is read from memory once; p and acc (n doubles each) stay in L1. The same is done for C with
// t and acc_c. Rows left over at the end of the range (fewer than ROWS) go one at a time.
//
// Three variants, chosen once at run time from the CPU: AVX-512F (8 doubles per vector, masked
// loads for the column remainder), AVX2 + FMA (4 doubles, scalar remainder) and portable C
// (whatever the baseline target vectorizes). Summation order differs between variants (per-lane
// partial sums), so results agree with the two-dgemv route to rounding, not bit for bit.
enum { ROWS = 4 };


// MARK: Portable kernels

// Four independent accumulators let the compiler vectorize without reassociating sums.
static inline double dot1_generic(const double *restrict a, const double *restrict x, size_t n) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        s0 += a[i] * x[i];
        s1 += a[i + 1] * x[i + 1];
        s2 += a[i + 2] * x[i + 2];
        s3 += a[i + 3] * x[i + 3];
    }
    for (; i < n; i++) s0 += a[i] * x[i];
    return (s0 + s1) + (s2 + s3);
}

static inline void axpy1_generic(double alpha, const double *restrict a, double *restrict y, size_t n) {
#pragma clang loop vectorize(enable)
    for (size_t i = 0; i < n; i++) y[i] += alpha * a[i];
}

// Rows a, a + n, a + 2n, a + 3n (stride n) against x of length n.
static inline void dot4_generic(const double *restrict a, const double *restrict x, size_t n, double out[ROWS]) {
    const double *restrict a0 = a, *restrict a1 = a + n, *restrict a2 = a + 2 * n, *restrict a3 = a + 3 * n;
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (size_t i = 0; i < n; i++) {
        double xi = x[i];
        s0 += a0[i] * xi;
        s1 += a1[i] * xi;
        s2 += a2[i] * xi;
        s3 += a3[i] * xi;
    }
    out[0] = s0; out[1] = s1; out[2] = s2; out[3] = s3;
}

static inline void axpy4_generic(const double j[ROWS], const double *restrict a, double *restrict y, size_t n) {
    const double *restrict a0 = a, *restrict a1 = a + n, *restrict a2 = a + 2 * n, *restrict a3 = a + 3 * n;
    double j0 = j[0], j1 = j[1], j2 = j[2], j3 = j[3];
#pragma clang loop vectorize(enable)
    for (size_t i = 0; i < n; i++) y[i] += (j0 * a0[i] + j1 * a1[i]) + (j2 * a2[i] + j3 * a3[i]);
}

// The portable build gains nothing from fusing the sweeps: the two loops in turn.
static inline void dot4_axpy4_generic(const double *restrict a, const double *restrict x, size_t n, double out[ROWS],
                                      const double j[ROWS], const double *restrict a_prev, double *restrict y) {
    dot4_generic(a, x, n, out);
    axpy4_generic(j, a_prev, y, n);
}

// MARK: The pass, once per variant

// Expands to `static void pass_<S>(...)` using dot4_axpy4_<S> (blocks of ROWS rows), dot1_<S> and
// axpy1_<S> (the rows left over). j_prev is 0 until a block has a non-zero judgment, so adding
// the "pending" block is then adding 0 (A is finite: validated on input).
#define WRE_DEFINE_PASS(S, ATTR)                                                                        \
    ATTR static void pass_##S(size_t row_begin, size_t row_end, size_t n, size_t k,                    \
                              const double *A, const double *C, const double *p, const double *t,      \
                              double alpha_jp, double alpha_jt,                                        \
                              const double *x0, const double *lambda, const double *lower,             \
                              const double *upper, const double *fallback,                             \
                              double *j_out, double *pull_out, double *acc_a, double *acc_c) {         \
        const int use_c = C != 0 && k > 0;                                                             \
        /* The previous block, when its update is still to be added (pending). */                      \
        const double *a_prev = 0, *c_prev = 0;                                                         \
        double j_prev[ROWS] = {0, 0, 0, 0};                                                            \
        int pending = 0;                                                                               \
        size_t i = row_begin;                                                                          \
        for (; i + ROWS <= row_end; i += ROWS) {                                                       \
            const double *a_rows = A + i * n, *c_rows = use_c ? C + i * k : 0;                         \
            double da[ROWS], dc[ROWS] = {0, 0, 0, 0};                                                  \
            /* Nothing pending (first block, or all j = 0): add 0 · (this block), from cache. */        \
            if (!pending) { a_prev = a_rows; c_prev = c_rows; }                                        \
            dot4_axpy4_##S(a_rows, p, n, da, j_prev, a_prev, acc_a);                                   \
            if (use_c) dot4_axpy4_##S(c_rows, t, k, dc, j_prev, c_prev, acc_c);                        \
            pending = 0;                                                                               \
            for (int r = 0; r < ROWS; r++) {                                                           \
                size_t row = i + r;                                                                    \
                double pull = alpha_jp * da[r];                                                        \
                if (use_c) pull += alpha_jt * dc[r];                                                   \
                j_prev[r] = wre_judgment_value(pull, x0[row], lambda[row], lower[row], upper[row], fallback[row]); \
                j_out[row] = j_prev[r];                                                                \
                if (pull_out) pull_out[row] = pull;                                                    \
                pending |= j_prev[r] != 0;                                                             \
            }                                                                                          \
            a_prev = a_rows;                                                                           \
            c_prev = c_rows;                                                                           \
        }                                                                                              \
        if (pending) { /* the last block's update (its dot products again, unused) */                 \
            double unused[ROWS];                                                                       \
            dot4_axpy4_##S(a_prev, p, n, unused, j_prev, a_prev, acc_a);                               \
            if (use_c) dot4_axpy4_##S(c_prev, t, k, unused, j_prev, c_prev, acc_c);                    \
        }                                                                                              \
        for (; i < row_end; i++) {                                                                     \
            const double *a_row = A + i * n, *c_row = use_c ? C + i * k : 0;                           \
            double pull = alpha_jp * dot1_##S(a_row, p, n);                                            \
            if (use_c) pull += alpha_jt * dot1_##S(c_row, t, k);                                       \
            double j = wre_judgment_value(pull, x0[i], lambda[i], lower[i], upper[i], fallback[i]);   \
            j_out[i] = j;                                                                              \
            if (pull_out) pull_out[i] = pull;                                                          \
            if (j != 0) {                                                                              \
                axpy1_##S(j, a_row, acc_a, n);                                                         \
                if (use_c) axpy1_##S(j, c_row, acc_c, k);                                              \
            }                                                                                          \
        }                                                                                              \
    }

WRE_DEFINE_PASS(generic, )

#if WRE_X86_DISPATCH

// MARK: AVX2 + FMA kernels (4 doubles per vector)

#define WRE_AVX2 __attribute__((target("avx2,fma")))

WRE_AVX2 static inline double hsum256(__m256d v) {
    __m128d s = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_add_sd(s, _mm_unpackhi_pd(s, s)));
}

WRE_AVX2 static inline double dot1_avx2(const double *restrict a, const double *restrict x, size_t n) {
    __m256d s0 = _mm256_setzero_pd(), s1 = _mm256_setzero_pd();
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        s0 = _mm256_fmadd_pd(_mm256_loadu_pd(a + i), _mm256_loadu_pd(x + i), s0);
        s1 = _mm256_fmadd_pd(_mm256_loadu_pd(a + i + 4), _mm256_loadu_pd(x + i + 4), s1);
    }
    for (; i + 4 <= n; i += 4) s0 = _mm256_fmadd_pd(_mm256_loadu_pd(a + i), _mm256_loadu_pd(x + i), s0);
    double s = hsum256(_mm256_add_pd(s0, s1));
    for (; i < n; i++) s += a[i] * x[i];
    return s;
}

WRE_AVX2 static inline void axpy1_avx2(double alpha, const double *restrict a, double *restrict y, size_t n) {
    __m256d va = _mm256_set1_pd(alpha);
    size_t i = 0;
    for (; i + 4 <= n; i += 4)
        _mm256_storeu_pd(y + i, _mm256_fmadd_pd(va, _mm256_loadu_pd(a + i), _mm256_loadu_pd(y + i)));
    for (; i < n; i++) y[i] += alpha * a[i];
}

// Dot products of the block at a (from memory) and the update of the block at a_prev (in cache).
WRE_AVX2 static inline void dot4_axpy4_avx2(const double *restrict a, const double *restrict x, size_t n, double out[ROWS],
                                            const double j[ROWS], const double *restrict a_prev, double *restrict y) {
    const double *a0 = a, *a1 = a + n, *a2 = a + 2 * n, *a3 = a + 3 * n;
    const double *b0 = a_prev, *b1 = a_prev + n, *b2 = a_prev + 2 * n, *b3 = a_prev + 3 * n;
    __m256d j0 = _mm256_set1_pd(j[0]), j1 = _mm256_set1_pd(j[1]), j2 = _mm256_set1_pd(j[2]), j3 = _mm256_set1_pd(j[3]);
    __m256d s0 = _mm256_setzero_pd(), s1 = _mm256_setzero_pd(), s2 = _mm256_setzero_pd(), s3 = _mm256_setzero_pd();
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        __m256d xi = _mm256_loadu_pd(x + i);
        s0 = _mm256_fmadd_pd(_mm256_loadu_pd(a0 + i), xi, s0);
        s1 = _mm256_fmadd_pd(_mm256_loadu_pd(a1 + i), xi, s1);
        s2 = _mm256_fmadd_pd(_mm256_loadu_pd(a2 + i), xi, s2);
        s3 = _mm256_fmadd_pd(_mm256_loadu_pd(a3 + i), xi, s3);
        __m256d lo = _mm256_fmadd_pd(j1, _mm256_loadu_pd(b1 + i), _mm256_mul_pd(j0, _mm256_loadu_pd(b0 + i)));
        __m256d hi = _mm256_fmadd_pd(j3, _mm256_loadu_pd(b3 + i), _mm256_mul_pd(j2, _mm256_loadu_pd(b2 + i)));
        _mm256_storeu_pd(y + i, _mm256_add_pd(_mm256_loadu_pd(y + i), _mm256_add_pd(lo, hi)));
    }
    double r0 = hsum256(s0), r1 = hsum256(s1), r2 = hsum256(s2), r3 = hsum256(s3);
    for (; i < n; i++) {
        r0 += a0[i] * x[i]; r1 += a1[i] * x[i]; r2 += a2[i] * x[i]; r3 += a3[i] * x[i];
        y[i] += (j[0] * b0[i] + j[1] * b1[i]) + (j[2] * b2[i] + j[3] * b3[i]);
    }
    out[0] = r0; out[1] = r1; out[2] = r2; out[3] = r3;
}

WRE_DEFINE_PASS(avx2, WRE_AVX2)

// MARK: AVX-512F kernels (8 doubles per vector; the column remainder by masked loads)

#define WRE_AVX512 __attribute__((target("avx512f")))

WRE_AVX512 static inline __mmask8 tail_mask(size_t remaining) { return (__mmask8)((1u << remaining) - 1u); }

WRE_AVX512 static inline double dot1_avx512(const double *restrict a, const double *restrict x, size_t n) {
    __m512d s0 = _mm512_setzero_pd(), s1 = _mm512_setzero_pd();
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        s0 = _mm512_fmadd_pd(_mm512_loadu_pd(a + i), _mm512_loadu_pd(x + i), s0);
        s1 = _mm512_fmadd_pd(_mm512_loadu_pd(a + i + 8), _mm512_loadu_pd(x + i + 8), s1);
    }
    for (; i + 8 <= n; i += 8) s0 = _mm512_fmadd_pd(_mm512_loadu_pd(a + i), _mm512_loadu_pd(x + i), s0);
    if (i < n) {
        __mmask8 m = tail_mask(n - i);
        s1 = _mm512_fmadd_pd(_mm512_maskz_loadu_pd(m, a + i), _mm512_maskz_loadu_pd(m, x + i), s1);
    }
    return _mm512_reduce_add_pd(_mm512_add_pd(s0, s1));
}

WRE_AVX512 static inline void axpy1_avx512(double alpha, const double *restrict a, double *restrict y, size_t n) {
    __m512d va = _mm512_set1_pd(alpha);
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm512_storeu_pd(y + i, _mm512_fmadd_pd(va, _mm512_loadu_pd(a + i), _mm512_loadu_pd(y + i)));
    if (i < n) {
        __mmask8 m = tail_mask(n - i);
        _mm512_mask_storeu_pd(y + i, m, _mm512_fmadd_pd(va, _mm512_maskz_loadu_pd(m, a + i), _mm512_maskz_loadu_pd(m, y + i)));
    }
}

// Dot products of the block at a (from memory) and the update of the block at a_prev (in cache).
WRE_AVX512 static inline void dot4_axpy4_avx512(const double *restrict a, const double *restrict x, size_t n, double out[ROWS],
                                                const double j[ROWS], const double *restrict a_prev, double *restrict y) {
    const double *a0 = a, *a1 = a + n, *a2 = a + 2 * n, *a3 = a + 3 * n;
    const double *b0 = a_prev, *b1 = a_prev + n, *b2 = a_prev + 2 * n, *b3 = a_prev + 3 * n;
    __m512d j0 = _mm512_set1_pd(j[0]), j1 = _mm512_set1_pd(j[1]), j2 = _mm512_set1_pd(j[2]), j3 = _mm512_set1_pd(j[3]);
    __m512d s0 = _mm512_setzero_pd(), s1 = _mm512_setzero_pd(), s2 = _mm512_setzero_pd(), s3 = _mm512_setzero_pd();
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m512d xi = _mm512_loadu_pd(x + i);
        s0 = _mm512_fmadd_pd(_mm512_loadu_pd(a0 + i), xi, s0);
        s1 = _mm512_fmadd_pd(_mm512_loadu_pd(a1 + i), xi, s1);
        s2 = _mm512_fmadd_pd(_mm512_loadu_pd(a2 + i), xi, s2);
        s3 = _mm512_fmadd_pd(_mm512_loadu_pd(a3 + i), xi, s3);
        __m512d lo = _mm512_fmadd_pd(j1, _mm512_loadu_pd(b1 + i), _mm512_mul_pd(j0, _mm512_loadu_pd(b0 + i)));
        __m512d hi = _mm512_fmadd_pd(j3, _mm512_loadu_pd(b3 + i), _mm512_mul_pd(j2, _mm512_loadu_pd(b2 + i)));
        _mm512_storeu_pd(y + i, _mm512_add_pd(_mm512_loadu_pd(y + i), _mm512_add_pd(lo, hi)));
    }
    if (i < n) {
        __mmask8 m = tail_mask(n - i);
        __m512d xi = _mm512_maskz_loadu_pd(m, x + i);
        s0 = _mm512_fmadd_pd(_mm512_maskz_loadu_pd(m, a0 + i), xi, s0);
        s1 = _mm512_fmadd_pd(_mm512_maskz_loadu_pd(m, a1 + i), xi, s1);
        s2 = _mm512_fmadd_pd(_mm512_maskz_loadu_pd(m, a2 + i), xi, s2);
        s3 = _mm512_fmadd_pd(_mm512_maskz_loadu_pd(m, a3 + i), xi, s3);
        __m512d lo = _mm512_fmadd_pd(j1, _mm512_maskz_loadu_pd(m, b1 + i), _mm512_mul_pd(j0, _mm512_maskz_loadu_pd(m, b0 + i)));
        __m512d hi = _mm512_fmadd_pd(j3, _mm512_maskz_loadu_pd(m, b3 + i), _mm512_mul_pd(j2, _mm512_maskz_loadu_pd(m, b2 + i)));
        _mm512_mask_storeu_pd(y + i, m, _mm512_add_pd(_mm512_maskz_loadu_pd(m, y + i), _mm512_add_pd(lo, hi)));
    }
    out[0] = _mm512_reduce_add_pd(s0); out[1] = _mm512_reduce_add_pd(s1);
    out[2] = _mm512_reduce_add_pd(s2); out[3] = _mm512_reduce_add_pd(s3);
}

WRE_DEFINE_PASS(avx512, WRE_AVX512)

#endif

// MARK: Dispatch

typedef void (*wre_pass_fn)(size_t, size_t, size_t, size_t, const double *, const double *, const double *,
                            const double *, double, double, const double *, const double *, const double *,
                            const double *, const double *, double *, double *, double *, double *);

/// The variant for this CPU (a pure function of the CPU, so racing first calls agree).
static wre_pass_fn select_pass(void) {
#if WRE_X86_DISPATCH
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return pass_avx512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return pass_avx2;
#endif
    return pass_generic;
}

void wre_fused_judgment_pass(size_t row_begin, size_t row_end, size_t n, size_t k,
                             const double *A, const double *C, const double *p, const double *t,
                             double alpha_jp, double alpha_jt,
                             const double *x0, const double *lambda, const double *lower,
                             const double *upper, const double *fallback,
                             double *j_out, double *pull_out, double *acc_a, double *acc_c) {
    static wre_pass_fn chosen = 0;
    wre_pass_fn pass = __atomic_load_n(&chosen, __ATOMIC_RELAXED);
    if (!pass) {
        pass = select_pass();
        __atomic_store_n(&chosen, pass, __ATOMIC_RELAXED);
    }
    pass(row_begin, row_end, n, k, A, C, p, t, alpha_jp, alpha_jt, x0, lambda, lower, upper, fallback,
         j_out, pull_out, acc_a, acc_c);
}
