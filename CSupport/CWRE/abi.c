// The C ABI is implemented in Swift (Sources/WREC); this file only pins down what the header
// promises about its layouts, so a change to them fails the build rather than a binding.
#include "wre.h"

_Static_assert(sizeof(int64_t) == sizeof(ptrdiff_t), "CSR indptr (int64) is read in place as the kernels' ptrdiff_t");
_Static_assert(sizeof(wre_error) == 4 + WRE_ERROR_MESSAGE_SIZE, "wre_error: code then the message buffer");
_Static_assert(sizeof(wre_array) == 24, "wre_array: pointer, int64 length, int32 dtype (padded)");
_Static_assert(sizeof(wre_strings) == 16, "wre_strings: pointer, int64 length");
