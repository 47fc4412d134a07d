import Foundation
import FuzzDriver
@testable import LotseCore

/// One input, fed to FuzzInputs.targets["questionnaire"].
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    FuzzInputs.targets["questionnaire"]!(count == 0 ? Data() : Data(bytes: bytes!, count: count))
    return 0
}

// SwiftPM makes this file's code the program's main (see FuzzDriver.h).
FuzzInputs.prepare("questionnaire")
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
