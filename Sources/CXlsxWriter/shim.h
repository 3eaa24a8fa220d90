// Declarations of libxlsxwriter (>= 1.1.4), used only by the XlsxExport target. The program does not link the
// library: XlsxExport loads it with dlopen when a workbook is written (a terminal session never maps it, nor its
// zlib, minizip and libcrypto), and calls it through pointers of these types, taken from the header itself.
#include <xlsxwriter.h>

typedef __typeof__(&workbook_new) lxw_fn_workbook_new;
typedef __typeof__(&lxw_workbook_free) lxw_fn_workbook_free;
typedef __typeof__(&workbook_close) lxw_fn_workbook_close;
typedef __typeof__(&workbook_validate_sheet_name) lxw_fn_workbook_validate_sheet_name;
typedef __typeof__(&workbook_add_worksheet) lxw_fn_workbook_add_worksheet;
typedef __typeof__(&workbook_add_format) lxw_fn_workbook_add_format;
typedef __typeof__(&worksheet_set_column) lxw_fn_worksheet_set_column;
typedef __typeof__(&worksheet_freeze_panes) lxw_fn_worksheet_freeze_panes;
typedef __typeof__(&worksheet_autofilter) lxw_fn_worksheet_autofilter;
typedef __typeof__(&worksheet_protect) lxw_fn_worksheet_protect;
typedef __typeof__(&worksheet_write_string) lxw_fn_worksheet_write_string;
typedef __typeof__(&worksheet_write_number) lxw_fn_worksheet_write_number;
typedef __typeof__(&worksheet_write_blank) lxw_fn_worksheet_write_blank;
typedef __typeof__(&format_set_bold) lxw_fn_format_set_bold;
typedef __typeof__(&format_set_bottom) lxw_fn_format_set_bottom;
typedef __typeof__(&format_set_text_wrap) lxw_fn_format_set_text_wrap;
typedef __typeof__(&format_set_align) lxw_fn_format_set_align;
typedef __typeof__(&format_set_num_format) lxw_fn_format_set_num_format;
typedef __typeof__(&format_set_pattern) lxw_fn_format_set_pattern;
typedef __typeof__(&format_set_bg_color) lxw_fn_format_set_bg_color;
typedef __typeof__(&lxw_strerror) lxw_fn_strerror;
