#ifndef WRE_JUDGMENT_VALUE_H
#define WRE_JUDGMENT_VALUE_H
// The closed-form judgment of docs/model.md given its pull, shared by the float32 and CSR passes
// (the same rule as the float64 pass in fused_row_pass.c).
static inline double wre_judgment_value(double pull, double x0, double lambda, double lo, double hi, double fallback) {
    double target;
    if (lo == hi) return lo;
    if (lambda > 0) target = x0 + pull / lambda;
    else if (pull > 0) target = hi;
    else if (pull < 0) target = lo;
    else target = fallback;
    return target < lo ? lo : (target > hi ? hi : target);
}
#endif
