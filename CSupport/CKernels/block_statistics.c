#include "BlockStatistics.h"
#include <math.h>

// Each row is read from memory once: the first sweep (the weighted absolute dot product, the
// range check and the non-zero count) streams it, the second (the column sums) finds it in
// L1/L2. Both sweeps are branch-free so the compiler vectorizes them; a row whose weight is 0
// skips the Gram terms.

// The first sweep over one dense row of `len` entries: Σ |a_j| x_j, and the counts.
#define WRE_ROW_SWEEP(T)                                                                              \
    static inline double row_sweep_##T(const T *restrict a, const double *restrict x, size_t len,   \
                                       size_t *bad, size_t *nz) {                                    \
        double s0 = 0, s1 = 0;                                                                       \
        size_t b = 0, z = 0, j = 0;                                                                  \
        for (; j + 2 <= len; j += 2) {                                                               \
            double v0 = fabs((double)a[j]), v1 = fabs((double)a[j + 1]);                             \
            s0 += v0 * x[j];                                                                         \
            s1 += v1 * x[j + 1];                                                                     \
            b += (size_t)!(v0 <= 1.0) + (size_t)!(v1 <= 1.0);                                        \
            z += (size_t)(v0 != 0.0) + (size_t)(v1 != 0.0);                                          \
        }                                                                                            \
        for (; j < len; j++) {                                                                       \
            double v = fabs((double)a[j]);                                                           \
            s0 += v * x[j];                                                                          \
            b += (size_t)!(v <= 1.0);                                                                \
            z += (size_t)(v != 0.0);                                                                 \
        }                                                                                            \
        *bad += b;                                                                                   \
        *nz += z;                                                                                    \
        return s0 + s1;                                                                              \
    }

// The second sweep: col += |a|, gram += g |a|, diag += w a².
#define WRE_COLUMN_SWEEP(T)                                                                           \
    static inline void column_sweep_##T(const T *restrict a, size_t len, double g, double w,         \
                                        double *restrict col, double *restrict gram,                 \
                                        double *restrict diag) {                                     \
        if (col)                                                                                     \
            for (size_t j = 0; j < len; j++) col[j] += fabs((double)a[j]);                           \
        if (w == 0) return;                                                                          \
        if (gram && g != 0)                                                                          \
            for (size_t j = 0; j < len; j++) gram[j] += g * fabs((double)a[j]);                      \
        if (diag)                                                                                    \
            for (size_t j = 0; j < len; j++) { double v = (double)a[j]; diag[j] += w * v * v; }      \
    }

#define WRE_DENSE_STATISTICS(NAME, T)                                                                 \
    WRE_ROW_SWEEP(T)                                                                                  \
    WRE_COLUMN_SWEEP(T)                                                                               \
    size_t NAME(size_t row_begin, size_t row_end, size_t n, size_t k, const T *A, const T *C,       \
                double alpha_jp, double alpha_jt, const double *x, const double *w,                  \
                double *row_a, double *row_c, double *col, double *gram, double *diag,               \
                size_t *nonzeros) {                                                                  \
        size_t bad = 0, nza = 0, nzc = 0;                                                            \
        for (size_t i = row_begin; i < row_end; i++) {                                               \
            const T *a = A + i * n;                                                                  \
            const T *c = C ? C + i * k : NULL;                                                       \
            double ra = row_sweep_##T(a, x, n, &bad, &nza);                                          \
            double rc = c ? row_sweep_##T(c, x + n, k, &bad, &nzc) : 0;                              \
            double s = alpha_jp * ra + alpha_jt * rc;                                                \
            if (row_a) row_a[i] = ra;                                                                \
            if (row_c) row_c[i] = rc;                                                                \
            double wi = w ? w[i] : 0;                                                                \
            column_sweep_##T(a, n, alpha_jp * wi * s, wi, col, gram, diag);                          \
            if (c) column_sweep_##T(c, k, alpha_jt * wi * s, wi, col ? col + n : NULL,               \
                                    gram ? gram + n : NULL, diag ? diag + n : NULL);                 \
        }                                                                                            \
        if (nonzeros) { nonzeros[0] += nza; nonzeros[1] += nzc; }                                    \
        return bad;                                                                                  \
    }

WRE_DENSE_STATISTICS(wre_block_statistics, double)
WRE_DENSE_STATISTICS(wre_f32_block_statistics, float)

// One CSR row: the sweeps gather x and scatter into the column sums by index.
static size_t csr_row(const ptrdiff_t *indptr, const int32_t *indices, const double *data, size_t i,
                      const double *x, double *s, size_t *nz) {
    size_t bad = 0;
    double sum = 0;
    for (ptrdiff_t r = indptr[i]; r < indptr[i + 1]; r++) {
        double v = fabs(data[r]);
        sum += v * x[indices[r]];
        bad += (size_t)!(v <= 1.0);
        *nz += (size_t)(v != 0.0);
    }
    *s = sum;
    return bad;
}

static void csr_columns(const ptrdiff_t *indptr, const int32_t *indices, const double *data, size_t i,
                        double g, double w, double *col, double *gram, double *diag) {
    for (ptrdiff_t r = indptr[i]; r < indptr[i + 1]; r++) {
        double v = data[r], av = fabs(v);
        int32_t j = indices[r];
        if (col) col[j] += av;
        if (w != 0) {
            if (gram) gram[j] += g * av;
            if (diag) diag[j] += w * v * v;
        }
    }
}

size_t wre_csr_block_statistics(size_t row_begin, size_t row_end, size_t n,
                                const ptrdiff_t *a_indptr, const int32_t *a_indices, const double *a_data,
                                const ptrdiff_t *c_indptr, const int32_t *c_indices, const double *c_data,
                                double alpha_jp, double alpha_jt, const double *x, const double *w,
                                double *row_a, double *row_c, double *col, double *gram, double *diag,
                                size_t *nonzeros) {
    size_t bad = 0, nza = 0, nzc = 0;
    for (size_t i = row_begin; i < row_end; i++) {
        double sa = 0, sc = 0;
        bad += csr_row(a_indptr, a_indices, a_data, i, x, &sa, &nza);
        if (c_indptr) bad += csr_row(c_indptr, c_indices, c_data, i, x + n, &sc, &nzc);
        double s = alpha_jp * sa + alpha_jt * sc;
        if (row_a) row_a[i] = sa;
        if (row_c) row_c[i] = sc;
        double wi = w ? w[i] : 0;
        csr_columns(a_indptr, a_indices, a_data, i, alpha_jp * wi * s, wi, col, gram, diag);
        if (c_indptr)
            csr_columns(c_indptr, c_indices, c_data, i, alpha_jt * wi * s, wi, col ? col + n : NULL,
                        gram ? gram + n : NULL, diag ? diag + n : NULL);
    }
    if (nonzeros) { nonzeros[0] += nza; nonzeros[1] += nzc; }
    return bad;
}
