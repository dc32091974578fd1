//! Black-box tests of the `kairyluu` binary live in `tests/`; this library is empty on purpose.
