// Umbrella header for libxlsxwriter (>= 1.1.4), used only by the XlsxExport target.
#include <xlsxwriter.h>
