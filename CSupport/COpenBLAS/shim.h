#ifndef COPENBLAS_SHIM_H
#define COPENBLAS_SHIM_H
// CBLAS and OpenBLAS's own controls (core name, thread count) come from <cblas.h>
// (Debian's openblas-pthread variant, found through pkg-config); LAPACKE_* live in liblapacke.
#include <cblas.h>
#include <lapacke.h>
#endif
