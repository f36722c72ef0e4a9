#include "SparseKernels.h"
#include "judgment_value.h"

static inline double row_dot(ptrdiff_t begin, ptrdiff_t end, const int32_t *restrict indices,
                             const double *restrict data, const double *restrict x) {
    double s0 = 0, s1 = 0;
    ptrdiff_t r = begin;
    for (; r + 2 <= end; r += 2) {
        s0 += data[r] * x[indices[r]];
        s1 += data[r + 1] * x[indices[r + 1]];
    }
    if (r < end) s0 += data[r] * x[indices[r]];
    return s0 + s1;
}

static inline void row_axpy(double alpha, ptrdiff_t begin, ptrdiff_t end, const int32_t *restrict indices,
                            const double *restrict data, double *restrict y) {
    for (ptrdiff_t r = begin; r < end; r++) y[indices[r]] += alpha * data[r];
}

void wre_csr_gemv_rows(size_t row_begin, size_t row_end, const ptrdiff_t *indptr, const int32_t *indices,
                       const double *data, double alpha, const double *x, double beta, double *y) {
    for (size_t i = row_begin; i < row_end; i++) {
        double v = alpha * row_dot(indptr[i], indptr[i + 1], indices, data, x);
        y[i] = beta == 0 ? v : v + beta * y[i];
    }
}

void wre_csr_gemv_t_rows(size_t row_begin, size_t row_end, const ptrdiff_t *indptr, const int32_t *indices,
                         const double *data, double alpha, const double *x, double *acc) {
    for (size_t i = row_begin; i < row_end; i++) {
        double s = alpha * x[i];
        if (s != 0) row_axpy(s, indptr[i], indptr[i + 1], indices, data, acc);
    }
}

void wre_csr_fused_judgment_pass(size_t row_begin, size_t row_end,
                                 const ptrdiff_t *a_indptr, const int32_t *a_indices, const double *a_data,
                                 const ptrdiff_t *c_indptr, const int32_t *c_indices, const double *c_data,
                                 const double *p, const double *t, double alpha_jp, double alpha_jt,
                                 const double *x0, const double *lambda, const double *lower,
                                 const double *upper, const double *fallback,
                                 double *j_out, double *pull_out, double *acc_a, double *acc_c) {
    for (size_t i = row_begin; i < row_end; i++) {
        ptrdiff_t ab = a_indptr[i], ae = a_indptr[i + 1];
        double pull = alpha_jp * row_dot(ab, ae, a_indices, a_data, p);
        if (c_indptr) pull += alpha_jt * row_dot(c_indptr[i], c_indptr[i + 1], c_indices, c_data, t);
        double j = wre_judgment_value(pull, x0[i], lambda[i], lower[i], upper[i], fallback[i]);
        j_out[i] = j;
        if (pull_out) pull_out[i] = pull;
        if (j != 0) {
            row_axpy(j, ab, ae, a_indices, a_data, acc_a);
            if (c_indptr) row_axpy(j, c_indptr[i], c_indptr[i + 1], c_indices, c_data, acc_c);
        }
    }
}

void wre_csr_gram(size_t count, const ptrdiff_t *rows, size_t n, size_t k,
                  const ptrdiff_t *a_indptr, const int32_t *a_indices, const double *a_data, double alpha_jp,
                  const ptrdiff_t *c_indptr, const int32_t *c_indices, const double *c_data, double alpha_jt,
                  const double *lambda, double sign, double *gram) {
    size_t q = n + k;
    for (size_t r = 0; r < count; r++) {
        ptrdiff_t i = rows[r];
        double scale = sign / lambda[i];
        ptrdiff_t ab = a_indptr[i], ae = a_indptr[i + 1];
        ptrdiff_t cb = c_indptr ? c_indptr[i] : 0, ce = c_indptr ? c_indptr[i + 1] : 0;
        // Columns increase along a row and every C column (n + c) follows every A column, so
        // each pair (u, v) below has u <= v: the upper triangle.
        for (ptrdiff_t u = ab; u < ae; u++) {
            double wu = scale * alpha_jp * a_data[u];
            double *g = gram + (size_t)a_indices[u] * q;
            for (ptrdiff_t v = u; v < ae; v++) g[a_indices[v]] += wu * alpha_jp * a_data[v];
            for (ptrdiff_t v = cb; v < ce; v++) g[n + (size_t)c_indices[v]] += wu * alpha_jt * c_data[v];
        }
        for (ptrdiff_t u = cb; u < ce; u++) {
            double wu = scale * alpha_jt * c_data[u];
            double *g = gram + (n + (size_t)c_indices[u]) * q + n;
            for (ptrdiff_t v = u; v < ce; v++) g[c_indices[v]] += wu * alpha_jt * c_data[v];
        }
    }
}
