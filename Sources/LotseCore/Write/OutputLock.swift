import Foundation

/// An exclusive lock on an output folder, held from the start of a build's
/// writing until its swap is done, so two builds never stage, swap or clean
/// up the same output at once.
///
/// `flock` on a small file beside the output (`<output>.lotse-lock`). The
/// file stays (deleting it would let a third build lock a new file while a
/// second still holds the old one); the lock goes with the process, also
/// when it is killed.
final class OutputLock {
    private let fd: Int32

    init(_ file: URL, displayPath: String) throws(LotseError) {
        // The descriptor is the object's only once the lock is held. A class whose
        // initializer throws after setting all its properties is deinitialized: `deinit`
        // closed the descriptor a second time, and by then the number could belong to a
        // file another thread had just opened (a build in the same process lost its
        // staging folder or templates: "Bad file descriptor").
        let fd = open(file.path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw LotseError(at: nil, "cannot create the lock file '\(file.path)' for '\(displayPath)': \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            close(fd)
            if reason == EWOULDBLOCK {
                throw LotseError(at: nil, "another build is writing '\(displayPath)' right now (it holds the lock \(file.path)); wait until it has finished, then build again")
            }
            throw LotseError(at: nil, "cannot lock '\(file.path)' for '\(displayPath)': \(String(cString: strerror(reason)))")
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
