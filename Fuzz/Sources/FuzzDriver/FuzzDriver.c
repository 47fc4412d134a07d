// Only the declaration in include/FuzzDriver.h is needed; libFuzzer defines it.
#include "FuzzDriver.h"
