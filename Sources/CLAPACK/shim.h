// Declarations of the few reference-LAPACK (Fortran) routines yesan calls.
// Debian's liblapack-dev ships no C header for them. Fortran calling convention:
// every argument by pointer, 32-bit integers, column-major arrays, and one hidden
// `size_t` length appended per CHARACTER argument.
// Only Sources/YesanCore/LinearAlgebra/_LAPACK.swift may use these.
#ifndef YESAN_CLAPACK_SHIM_H
#define YESAN_CLAPACK_SHIM_H

#include <stddef.h>
#include <stdint.h>

/// Cholesky factorisation of a symmetric positive-definite matrix.
void dpotrf_(const char *uplo, const int32_t *n, double *a, const int32_t *lda,
             int32_t *info, size_t uplo_len);

/// QR factorisation A = Q R (Householder).
void dgeqrf_(const int32_t *m, const int32_t *n, double *a, const int32_t *lda,
             double *tau, double *work, const int32_t *lwork, int32_t *info);

/// Multiply by Q or Q^T from dgeqrf.
void dormqr_(const char *side, const char *trans, const int32_t *m, const int32_t *n,
             const int32_t *k, const double *a, const int32_t *lda, const double *tau,
             double *c, const int32_t *ldc, double *work, const int32_t *lwork,
             int32_t *info, size_t side_len, size_t trans_len);

/// Solve a triangular system.
void dtrtrs_(const char *uplo, const char *trans, const char *diag, const int32_t *n,
             const int32_t *nrhs, const double *a, const int32_t *lda, double *b,
             const int32_t *ldb, int32_t *info, size_t uplo_len, size_t trans_len,
             size_t diag_len);

/// Inverse of a triangular matrix.
void dtrtri_(const char *uplo, const char *diag, const int32_t *n, double *a,
             const int32_t *lda, int32_t *info, size_t uplo_len, size_t diag_len);

/// Least squares via QR (full-rank A).
void dgels_(const char *trans, const int32_t *m, const int32_t *n, const int32_t *nrhs,
            double *a, const int32_t *lda, double *b, const int32_t *ldb, double *work,
            const int32_t *lwork, int32_t *info, size_t trans_len);

/// Eigenvalues and eigenvectors of a symmetric matrix (divide and conquer).
void dsyevd_(const char *jobz, const char *uplo, const int32_t *n, double *a,
             const int32_t *lda, double *w, double *work, const int32_t *lwork,
             int32_t *iwork, const int32_t *liwork, int32_t *info, size_t jobz_len,
             size_t uplo_len);

#endif
