"""The message catalogue: every finding code hoso reports, with its Vietnamese text.

A stage never writes a message inline: it names a catalogue key and the values the template
needs, ``finding("load.not_found", file=file)``. Keeping every text here lets one read (and
proof-read) all that a clerk can be told, and lets ``tests/test_messages.py`` check that every
code raised has a text, that no text is orphaned and that no text cites anything but the law.

A key is the finding code, or ``code/variant`` when one code has several wordings (the finding's
code is the part before ``/``). Templates use ``{named}`` placeholders only. The location keywords
of :func:`finding` (``file``, ``path``, ``line``, ``cell``) fill a placeholder of the same name,
so ``Không tìm thấy tệp «{file}»`` needs no second copy of the file name.

Schema validators raise :func:`schema_error` (a ``PydanticCustomError``); the validate stage
reports it as ``schema.<type>``, so their keys here carry the ``schema.`` prefix the user sees.
A ``part.*`` key is no finding of its own: a sentence or phrase that completes another message
(read with :func:`text`). An ``ND30-…/rule`` key is the one-line rule an ND30 code checks.

Messages cite the law only (text, article, clause): never research notes, reference files or
issue numbers (``tests/test_messages.py`` checks every text).
"""

from __future__ import annotations

import string
from typing import TYPE_CHECKING

from pipeline.core.errors import Finding, Severity

if TYPE_CHECKING:
    from pydantic_core import PydanticCustomError

MESSAGES: dict[str, str] = {
    # --- load: reading a data file (pipeline/stages/load.py) ------------------------------------
    "load.is_directory": "«{file}» là một thư mục; hãy chỉ ra tệp dữ liệu .yaml, .yml hoặc .json.",
    "load.unsupported_format": "Không hỗ trợ định dạng tệp («{suffix}»); hãy dùng tệp .yaml, .yml hoặc .json.",
    "load.unsupported_format/no_suffix":
        "Không hỗ trợ định dạng tệp (không có phần mở rộng); hãy dùng tệp .yaml, .yml hoặc .json.",
    "load.not_found": "Không tìm thấy tệp dữ liệu «{file}».",
    "load.unreadable": "Không đọc được tệp «{file}» (lỗi hệ thống: {reason}).",
    "load.encoding": (
        "Tệp không được mã hóa UTF-8 (byte 0x{byte:02X} ở dòng {line} không hợp lệ); hãy lưu lại tệp với "
        "mã hóa UTF-8 (Unicode), không dùng TCVN3 (ABC) hay VNI."
    ),
    "load.encoding/nul": (
        "Tệp chứa ký tự NUL (U+0000) ở dòng {line}; có lẽ tệp không phải văn bản UTF-8 (ví dụ UTF-16). "
        "Hãy lưu lại tệp với mã hóa UTF-8."
    ),
    "load.empty": "Tệp «{file}» không có dữ liệu.",
    "load.cleaned_char": "Đã thay {character} bằng dấu cách.",
    "load.cleaned_char/removed": "Đã xóa {character}.",
    "load.forbidden_char": (
        "Ký tự U+{codepoint:04X} không được phép trong văn bản vì sẽ làm hỏng tệp .docx; hãy xóa ký tự này."
    ),
    "load.forbidden_char/control": (
        "Ký tự điều khiển U+{codepoint:04X} không được phép trong văn bản vì sẽ làm hỏng tệp .docx; "
        "hãy xóa ký tự này."
    ),
    "load.duplicate_key": "Trường «{key}» xuất hiện hai lần trong cùng một khối; hãy giữ lại một.",
    "load.duplicate_key/lines": (
        "Trường «{key}» xuất hiện hai lần trong cùng một khối (dòng {first} và dòng {line}); hãy giữ lại một."
    ),
    "load.not_mapping": (
        "Dữ liệu ở cấp ngoài cùng phải là một bảng «tên trường: giá trị», nhưng tệp chứa {kind}."
    ),
    "load.too_deep": "Dữ liệu lồng nhau quá nhiều cấp; hãy kiểm tra lại cấu trúc tệp.",
    "load.yaml_syntax": "Lỗi cú pháp YAML: {problem}.",
    "load.yaml_syntax/at": "Lỗi cú pháp YAML ở dòng {line}, cột {column}: {problem}.",
    "load.json_syntax": "Lỗi cú pháp JSON ở dòng {line}, cột {column}: {problem}.",
    # --- xlsx: tables read from an Excel workbook (pipeline/stages/xlsx.py) ---------------------
    "xlsx.not_found": "Không tìm thấy tệp Excel «{name}» (đường dẫn tính từ thư mục «{folder}»).",
    "xlsx.unreadable": (
        "Tệp không phải sổ tính Excel (.xlsx) hợp lệ; hãy mở bằng Excel và lưu lại dạng «Excel Workbook (.xlsx)»."
    ),
    "xlsx.sheet_missing": "Sổ tính không có trang «{sheet}». Các trang: {sheets}.",
    "xlsx.header": "Cột «{header}» không có trong bảng «{table}». Các cột: {columns}.",
    "xlsx.header/repeated": "Cột «{header}» có hai lần ở dòng tiêu đề.",
    "xlsx.header/missing": "Thiếu cột «{header}» ở dòng tiêu đề (dòng 1) của trang «{sheet}».",
    "xlsx.missing": "Ô để trống; cột «{header}» cần {expected}.",
    "xlsx.type": "Cột «{header}» cần {expected}, nhưng ô chứa {problem}.",
    # --- draft: blanks allowed in a draft (pipeline/stages/draft.py) ----------------------------
    "draft.blank": "Chưa có giá trị: bản dự thảo in «{blank}» ở chỗ này; bản chính thức phải điền đủ.",
    # --- input: which kind of input, and the files it links (orchestrator, stages/link.py) ------
    "input.unknown_kind": "Không có loại văn bản «{kind}». Các loại: {kinds}.",
    "input.kind_missing": "Không biết tệp này là loại dữ liệu nào: thêm dòng «kind: …» ở đầu tệp ({kinds}).",
    "input.link": "Không tìm thấy tệp «{entry}» (đường dẫn tính từ thư mục «{folder}»).",
    "input.link/no_match": "Không có tệp nào khớp mẫu «{entry}» trong thư mục «{folder}».",
    "input.link/loop": "Tệp «{name}» liên kết vòng trở lại chính nó.",
    # --- template: reading and filling a .docx template (stages/template.py, stages/render.py) --
    "template.not_found": "Không tìm thấy mẫu văn bản «{template}».",
    "template.not_docx": "Tệp mẫu không phải là tệp Word .docx hợp lệ.",
    "template.not_docx/no_body": "Mẫu không có phần thân văn bản (w:body).",
    "template.appendix_markers": "Mẫu có nhiều hơn một dòng đánh dấu phụ lục «{{# phụ lục #}}»; chỉ được có một.",
    "template.syntax": "Lỗi cú pháp trong mẫu: {problem}",
    "template.syntax/at": "Lỗi cú pháp trong mẫu: {problem} (ở đoạn «{paragraph}»)",
    "template.render": "Lỗi khi điền mẫu: {problem}",
    "template.render/at": "Lỗi khi điền mẫu: {problem} (ở đoạn «{paragraph}»)",
    "template.undefined": "Mẫu dùng biến «{variable}» nhưng dữ liệu không có giá trị này.",
    "template.undefined/at": "Mẫu dùng biến «{variable}» nhưng dữ liệu không có giá trị này (ở đoạn «{paragraph}»).",
    # Bounds of a template's work (stages/sandbox.py): a template from elsewhere must not run for
    # minutes or fill the memory.
    "template.too_many": "Mẫu yêu cầu {what} là {value}, vượt giới hạn {limit}; hãy sửa mẫu.",
    "template.too_many/at": "Mẫu yêu cầu {what} là {value}, vượt giới hạn {limit} (ở đoạn «{paragraph}»); hãy sửa mẫu.",
    "template.too_long": "Mẫu tạo ra một chuỗi hoặc danh sách dài hơn giới hạn {limit} ký tự (phần tử); hãy sửa mẫu.",
    "template.too_long/at": (
        "Mẫu tạo ra một chuỗi hoặc danh sách dài hơn giới hạn {limit} ký tự (phần tử) (ở đoạn «{paragraph}»); "
        "hãy sửa mẫu."
    ),
    "template.too_large": "Văn bản điền từ mẫu dài hơn giới hạn {limit} ký tự; mẫu có vòng lặp quá lớn, hãy sửa mẫu.",
    "template.too_large/at": (
        "Văn bản điền từ mẫu dài hơn giới hạn {limit} ký tự (ở đoạn «{paragraph}»); mẫu có vòng lặp quá lớn, "
        "hãy sửa mẫu."
    ),
    "template.too_slow": "Điền mẫu mất hơn {seconds:g} giây nên đã dừng; mẫu có vòng lặp quá lớn hoặc không dừng.",
    "template.too_slow/at": (
        "Điền mẫu mất hơn {seconds:g} giây nên đã dừng (ở đoạn «{paragraph}»); mẫu có vòng lặp quá lớn hoặc "
        "không dừng."
    ),
    "template.recursion": "Mẫu gọi macro lồng nhau quá sâu (đệ quy không dừng); hãy sửa mẫu.",
    "template.recursion/at": "Mẫu gọi macro lồng nhau quá sâu (đệ quy không dừng) (ở đoạn «{paragraph}»); hãy sửa mẫu.",
    # --- pdf: LibreOffice, fonts and page images (pipeline/office/convert.py) --------------------
    "pdf.fontconfig_missing": "Không tìm thấy lệnh fc-match (fontconfig) để kiểm tra phông chữ. Cài đặt: {install}",
    "pdf.font": (
        "Không tạo PDF: phông {font} đang được thay bằng {faces}, nên bản PDF sẽ mất dấu hoặc ngắt dòng, ngắt trang "
        "khác bản in từ Word. Cài phông Liberation Serif (cùng số đo với Times New Roman, đủ chữ tiếng Việt): "
        "sudo apt-get install fonts-liberation2 – hoặc cài phông Times New Roman."
    ),
    "pdf.no_office": (
        "Không tìm thấy LibreOffice (lệnh soffice) để tạo PDF; các tệp .docx vẫn được tạo. Cài đặt: {install}"
    ),
    "pdf.no_office/failed": "Không chạy được LibreOffice «{command}» ({reason}). Cài đặt: {install}",
    "pdf.office_start": (
        "LibreOffice dừng với mã {status} khi khởi động, nên không tạo được PDF. Cài đặt lại: {install}"
    ),
    "pdf.office_start/not_ready": (
        "LibreOffice không sẵn sàng sau {seconds:g} giây khi khởi động, nên không tạo được PDF. Cài đặt lại: {install}"
    ),
    "pdf.no_source": "Không tìm thấy tệp .docx để tạo PDF.",
    "pdf.timeout": "Không tạo được PDF: LibreOffice không xong sau {seconds:g} giây nên đã bị dừng.",
    "pdf.crash": "Không tạo được PDF: LibreOffice dừng đột ngột khi chuyển văn bản này.",
    "pdf.failed": "LibreOffice không chuyển được văn bản này sang PDF ({detail}).",
    "pdf.no_poppler": "Không tìm thấy lệnh pdftoppm để tạo ảnh các trang. Cài đặt: sudo apt-get install poppler-utils",
    "pdf.images": "pdftoppm không tạo được ảnh trang: {problem}",
    # --- conversion: .doc, .odt, .rtf saved as .docx before the check (pipeline/commands/check.py)
    "conversion.no_office": (
        "Tệp {format} phải được LibreOffice chuyển sang .docx trước khi kiểm tra, nhưng không tìm thấy "
        "LibreOffice (lệnh soffice). Hãy lưu lại tệp dạng .docx, hoặc cài LibreOffice: {install}"
    ),
    "conversion.no_office/failed": (
        "Tệp {format} phải được LibreOffice chuyển sang .docx trước khi kiểm tra, nhưng LibreOffice không "
        "chạy được: {reason}"
    ),
    "conversion.failed": (
        "LibreOffice không chuyển được tệp {format} này sang .docx để kiểm tra ({reason}); hãy mở tệp bằng Word "
        "hoặc LibreOffice và lưu lại dạng .docx."
    ),
    # --- layout: the check of the printed pages (pipeline/commands/check.py, pipeline/office/pages.py)
    "layout.no_office": (
        "Không kiểm tra phần dàn trang (chữ ký bị tách trang, Quốc hiệu, Tiêu ngữ, dòng ngày tháng bị xuống dòng, "
        "số trang ở trang 1) vì không tìm thấy LibreOffice (lệnh soffice). Cài đặt: {install}"
    ),
    "layout.no_poppler": (
        "Không kiểm tra phần dàn trang vì không tìm thấy lệnh pdftotext. Cài đặt: sudo apt-get install poppler-utils"
    ),
    "layout.failed": "Không dàn trang được tệp này ({reason}); các quy tắc dàn trang được bỏ qua.",
    "layout.unreadable": "pdftotext không đọc được bản PDF đã dàn trang: {problem}",
    # --- limit: how much hoso reads (pipeline/core/limits.py and every reader) ------------------
    "limit.setting": "Biến môi trường {variable}=«{value}» không hợp lệ: phải là một số nguyên dương.",
    "limit.not_regular": (
        "«{file}» không phải một tệp thông thường (có thể là thiết bị hoặc đường ống); hoso chỉ đọc {label}."
    ),
    "limit.file_size": (
        "Tệp quá lớn ({size}); giới hạn cho {label} là {limit}."
        " Nếu dữ liệu thật sự lớn như vậy, có thể nâng giới hạn bằng biến môi trường {variable} (số MB)."
    ),
    "limit.items": (
        "Có {count} mục ở đây, vượt giới hạn {limit} mục của một danh sách."
        " Nếu dữ liệu thật sự lớn như vậy, có thể nâng giới hạn bằng biến môi trường {variable}."
    ),
    "limit.depth": "Dữ liệu lồng nhau quá {limit} cấp; hãy kiểm tra lại cấu trúc tệp.",
    "limit.rows": (
        "Trang «{sheet}» có hơn {limit} dòng, vượt giới hạn số dòng của một bảng."
        " Nếu dữ liệu thật sự lớn như vậy, có thể nâng giới hạn bằng biến môi trường {variable}."
    ),
    "limit.sheets": "Sổ tính có {count} trang, vượt giới hạn {limit} trang. Nếu thật sự cần vượt giới hạn này, hãy liên hệ quản trị hệ thống.",
    "limit.columns": "Trang «{sheet}» có {count} cột, vượt giới hạn {limit} cột. Nếu thật sự cần vượt giới hạn này, hãy liên hệ quản trị hệ thống.",
    "limit.zip_parts": "Tệp nén có {count} thành phần, vượt giới hạn {limit}. Nếu thật sự cần vượt giới hạn này, hãy liên hệ quản trị hệ thống.",
    "limit.zip_part": "Thành phần «{part}» của tệp nén giải nén ra {size}, vượt giới hạn {limit}. Nếu thật sự cần vượt giới hạn này, hãy liên hệ quản trị hệ thống.",
    "limit.zip_part/ratio": (
        "Thành phần «{part}» của tệp nén có tỷ lệ nén {ratio}:1, vượt giới hạn {limit}:1 (dấu hiệu của "
        "«bom nén»). Nếu thật sự cần vượt giới hạn này, hãy liên hệ quản trị hệ thống."
    ),
    "limit.zip_size": "Tệp nén giải nén ra {size}, vượt giới hạn {limit}. Nếu thật sự cần vượt giới hạn này, hãy liên hệ quản trị hệ thống.",
    "limit.matches": "Mẫu «{entry}» khớp hơn {limit} tệp, vượt giới hạn; hãy dùng mẫu hẹp hơn.",
    "limit.scanned": (
        "Để tìm tệp khớp mẫu «{entry}» phải duyệt hơn {limit} tệp, vượt giới hạn; hãy dùng mẫu hẹp hơn "
        "(ví dụ tu-danh-gia/*.yaml thay vì **/*.yaml)."
    ),
    # --- paths named in data stay inside the data folder (pipeline/stages/link.py) --------------
    "input.outside": (
        "Đường dẫn «{entry}» dẫn ra ngoài thư mục dữ liệu «{root}»; hoso chỉ đọc tệp nằm trong thư mục này "
        "(khi chạy lệnh, tùy chọn --allow-root cho phép thêm một thư mục)."
    ),
    "input.outside/absolute": (
        "Đường dẫn «{entry}» là đường dẫn tuyệt đối; hãy ghi đường dẫn tương đối, tính từ thư mục của tệp này, "
        "nằm trong thư mục dữ liệu «{root}» (khi chạy lệnh, tùy chọn --allow-root cho phép thêm một thư mục)."
    ),
    "input.outside/symlink": (
        "«{entry}» là liên kết tắt (symlink) trỏ ra ngoài thư mục dữ liệu «{root}»; hãy chép tệp thật vào "
        "thư mục này."
    ),
    # --- text that reads differently from what it holds (pipeline/stages/load.py, xlsx.py) -------
    "load.bidi_char": (
        "Ký tự điều khiển hướng chữ U+{codepoint:04X} không được phép: nó làm văn bản hiện ra khác với nội dung "
        "thật (ví dụ «100.000» hiện thành «000.001»); hãy xóa ký tự này."
    ),
    "schema.number.too_large": "Số quá lớn: phần nguyên chỉ được có tối đa {limit} chữ số.",
    "schema.number.too_precise": "Số có quá nhiều chữ số thập phân: tối đa {limit} chữ số sau dấu phẩy.",
    "schema.text.no_letter": "Tên cơ quan phải có chữ cái; dòng này chỉ có chữ số hoặc ký hiệu.",
    "schema.time.timezone": "Ghi giờ theo giờ địa phương, không kèm múi giờ, ví dụ: 2016-12-20 08:00.",
    "output.busy": (
        "Một lần chạy hoso khác đang ghi vào thư mục «{folder}»; hãy đợi lần đó xong hoặc ghi vào thư mục khác."
    ),
    "output.not_folder": "«{file}» là một tệp, không phải thư mục; hãy chỉ ra thư mục để ghi kết quả (-o).",
    "load.line_break_char": (
        "Ký tự xuống dòng đặc biệt U+{codepoint:04X} không được phép (YAML và JSON đọc ký tự này khác nhau); "
        "hãy thay bằng một lần xuống dòng thường hoặc một dấu cách."
    ),
    # --- pack: the year-end pack of a bloc (pipeline/commands/pack.py) ---------------------------
    "pack.missing_file": "Không tìm thấy tệp «{entry}» (đường dẫn tính từ thư mục «{folder}»).",
    "pack.missing_file/no_match": "Không có tệp nào khớp mẫu «{entry}» trong thư mục «{folder}».",
    "pack.shared_file": (
        "Tệp «{name}» được khai hai lần (cho «{first}» và «{second}»); mỗi tệp chỉ được khai một lần."
    ),
    "pack.internal": "Lỗi nội bộ của hoso khi tạo văn bản của nhóm này: {error!r}.",
    "pack.worker_died": "Một tiến trình tạo văn bản bị dừng đột ngột (hết bộ nhớ hoặc bị hệ thống dừng): {error}.",
    "pack.not_found": "Không tìm thấy thư mục hay tệp «{name}».",
    "pack.bloc_file": (
        "Thư mục «{folder}» không có tệp khối (tệp dữ liệu ghi «kind: bloc», ví dụ khoi.yaml) kê các đơn vị thành "
        "viên và tệp của từng đơn vị."
    ),
    "pack.bloc_file/several": "Thư mục «{folder}» có nhiều tệp khối: {names}; hãy chỉ rõ một tệp.",
    # --- dossier: the dossier of a commendation (pipeline/commands/dossier.py) -------------------
    "dossier.not_dossier": (
        "Tệp này là dữ liệu loại «{kind}», không phải hồ sơ đề nghị khen thưởng (cần «kind: dossier»)."
    ),
    "dossier.proof_missing": (
        "Không tìm thấy tệp «{name}» của tài liệu «{title}» (đường dẫn tính từ thư mục «{folder}»)."
    ),
    # --- pack (rule packs): the rule books read from rules/ and --rules (pipeline/law/rulebook.py)
    "pack.kind": "Tệp quy tắc phải có dòng «kind:» là một trong: {kinds}.",
    "pack.kind/extra": "Tệp --rules phải là một bộ quy tắc («kind: rule_pack»).",
    "pack.table_count": "Thư mục {folder} cần đúng một tệp «kind: {kind}», hiện có {count}.",
    "pack.overlap": (
        "Thời gian áp dụng ({span}) trùng với bộ quy tắc «{other}» ({other_span}, tệp {other_file}): mỗi ngày chỉ "
        "được có một bộ quy tắc quốc gia."
    ),
    "pack.overlap/local": (
        "Thời gian áp dụng ({span}) trùng với bộ quy tắc «{other}» ({other_span}, tệp {other_file}): mỗi ngày chỉ "
        "được có một bộ quy tắc của «{scope}»."
    ),
    "pack.unknown_text": "Không có văn bản «{text}» trong bảng văn bản pháp luật. Các khóa có: {keys}.",
    "pack.unknown_title": "Danh hiệu, hình thức khen thưởng «{title}» không có trong bộ quy tắc.",
    "pack.unknown_title/local": (
        "Danh hiệu, hình thức khen thưởng «{title}» không có trong bộ quy tắc (kể cả bộ quy tắc quốc gia cùng thời "
        "gian)."
    ),
    "pack.title_incomplete": (
        "«{title}» không có trong bộ quy tắc quốc gia của thời gian này: khi thêm danh hiệu mới, ghi đủ category, "
        "recipients và decided_by."
    ),
    "pack.builtin_local": (
        "Thư mục {folder} chỉ chứa bộ quy tắc quốc gia; bộ quy tắc địa phương được thêm bằng --rules."
    ),
    # --- dossier: what a title's dossier holds (pipeline/law/composition.py) ---------------------
    "dossier.composition_unknown": (
        "hoso chưa có thành phần hồ sơ đề nghị tặng «{award}» đã đối chiếu với văn bản pháp luật, nên không lập hồ sơ "
        "này. Các danh hiệu có thành phần hồ sơ: {known}."
    ),
    "dossier.no_nominee": "Biên bản bình xét không có ai đạt «{award}»: không có ai để đề nghị trong hồ sơ này.",
    "dossier.report_missing": "Hồ sơ đề nghị tặng «{award}» thiếu Báo cáo thành tích của «{name}».",
    "dossier.report_unexpected": (
        "Báo cáo thành tích của «{name}» không thuộc hồ sơ này: người được đề nghị tặng «{award}» theo biên bản là "
        "{names}."
    ),
    "dossier.report_award": "Báo cáo thành tích của «{name}» đề nghị tặng «{proposed}», không phải «{award}».",
    "dossier.report_uncertified": (
        "Báo cáo thành tích của «{name}» phải có xác nhận của cấp trình khen thưởng (certifier) khi đề nghị tặng "
        "«{award}»."
    ),
    "dossier.proof_nominee": (
        "Tài liệu «{title}» ghi của «{nominee}», không phải người được đề nghị trong hồ sơ ({names})."
    ),
    "dossier.initiative_missing": (
        "Hồ sơ đề nghị tặng «{award}» thiếu văn bản công nhận sáng kiến, đề tài của «{name}» (thêm vào proofs một tài "
        "liệu có initiative: true và nominee là người này)."
    ),
    "dossier.composition_unconfirmed": (
        "Thành phần hồ sơ đề nghị tặng «{award}» theo {source} chưa được đối chiếu cho hồ sơ ngày {day}; hãy kiểm tra "
        "quy định đang áp dụng."
    ),
    # --- rule: the law's rules on an input (pipeline/law/checks/) --------------------------------
    # Warnings built on a value no text confirms end with the part that says so (part.*, below).
    "rule.header.word_too_wide": (
        "Từ «{word}» rộng {width}, hơn cả cột tên cơ quan ở phần đầu văn bản ({room}), nên không ngắt dòng "
        "được mà sẽ bị cắt ngang; hãy viết lại, tách thành các từ có dấu cách."
    ),
    "rule.header.date_line_too_wide": (
        "Dòng địa danh, ngày tháng «{text}» rộng {width} ngay cả ở cỡ chữ 13, hơn cột bên phải của phần đầu văn bản "
        "({room}), nên sẽ xuống dòng; hãy kiểm tra tên địa danh (tên chính thức của đơn vị hành chính nơi cơ quan đóng "
        "trụ sở)."
    ),
    "rule.pack_missing": (
        "Không có bộ quy tắc quốc gia nào áp dụng cho ngày {day}. Các bộ quy tắc có: {known}. Thêm bộ quy tắc của "
        "thời kỳ này bằng --rules TỆP."
    ),
    "rule.unconfirmed": "{what} chưa được xác nhận: {note}.",
    "rule.title.unknown": (
        "Danh hiệu, hình thức khen thưởng «{title}» không có trong danh mục của hoso. Danh mục gồm: {known}."
    ),
    "rule.title.unknown/close": (
        "Danh hiệu, hình thức khen thưởng «{title}» không có trong danh mục của hoso; có phải ý bạn là «{close}»?"
    ),
    "rule.title.recipient_missing": (
        "«{title}» dành cho cả tập thể và cá nhân: ghi recipient là «tập thể» hoặc «cá nhân»."
    ),
    "rule.title.recipient_not_allowed": "«{title}» chỉ dành cho {allowed}, không dành cho {recipient}.",
    "rule.title.recipient_not_allowed/named": (
        "«{title}» chỉ dành cho {allowed}, không dành cho {recipient} «{name}»."
    ),
    "rule.vote.tie_undecided": "{note}",  # the sentence the minutes print: part.vote.tie
    "rule.vote.absent_without_opinion": (
        "Thành viên vắng mặt «{name}» không có ý kiến bằng văn bản: thành viên vắng mặt cần gửi ý kiến bằng văn bản "
        "để ghi vào biên bản; phiếu của thành viên này không được tính, tỷ lệ vẫn tính trên tổng số thành viên."
    ),
    "rule.deadline.late": (
        "Tờ trình ngày {day} quá hạn gửi hồ sơ năm {year} ({due}) theo bộ quy tắc «{pack}»."
    ),
    "rule.bonus.unknown": (
        "{problem} Quyết định ghi «kèm theo tiền thưởng theo quy định», không ghi số tiền; văn thư bổ sung số tiền "
        "sau khi đối chiếu văn bản."
    ),
    "rule.eligibility.missing_data": "{who}: chưa kiểm tra được điều kiện vì {missing}.",
    "rule.eligibility.rating": "{who} nhưng {failure}.",
    "rule.eligibility.initiative": "{who} nhưng {failure}.",
    "rule.eligibility.rating_or_initiative": "{who} nhưng {failure}.",
    "rule.eligibility.same_year_title": "{who} nhưng {failure}.",
    "rule.eligibility.consecutive_titles": "{who} nhưng {failure}.",
    "rule.eligibility.long_record": "{who} nhưng {failure}.",
    "rule.eligibility.member_share": "{who} nhưng {failure}.",
    "rule.eligibility.members_complete": "{who} nhưng {failure}.",
    "rule.eligibility.member_count": "{who} nhưng {failure}.",
    "rule.eligibility.no_member_discipline": "{who} nhưng {failure}.",
    "rule.eligibility.disciplined": (
        "«{name}» đang trong thời gian thi hành kỷ luật ({period}): không đề nghị khen thưởng."
    ),
    "rule.eligibility.disciplined_in_year": (
        "«{name}» bị kỷ luật trong năm {year} ({period}): thành tích chỉ được tính từ khi hết thời hạn kỷ luật; xem "
        "lại đề nghị."
    ),
    "rule.eligibility.pending_case": (
        "«{name}» đang có việc chưa kết luận ({case}): không đề nghị khen thưởng khi đang bị điều tra, thanh tra, "
        "kiểm tra, xem xét kỷ luật hoặc có đơn thư đang xác minh."
    ),
    "rule.eligibility.several_forms": (
        "«{name}» được đề nghị nhiều hình thức khen thưởng cho thành tích năm {year} ({forms}): một thành tích chỉ "
        "được khen thưởng một hình thức."
    ),
    "rule.eligibility.already_awarded": (
        "«{name}» đã được «{title}» năm {year}: một thành tích không được khen thưởng hai lần."
    ),
    "rule.quota.exceeded": (
        "Đề nghị {proposed} người «{title}», vượt {share} số người đạt «{among}» ({count} người): nhiều nhất {limit} "
        "người."
    ),
    "rule.era.text_not_issued": (
        "Dẫn {text}, văn bản ban hành ngày {issued}, trong nội dung ngày {day}: khi đó văn bản này chưa có."
    ),
    "rule.era.text_not_in_force": "Căn cứ {text} chưa có hiệu lực tại ngày {day} (có hiệu lực từ ngày {start}).",
    "rule.era.text_expired": (
        "Căn cứ {text} đã hết hiệu lực từ ngày {ceased}, trước ngày {day} của văn bản: dẫn văn bản đang có hiệu lực."
    ),
    "rule.era.text_expired_mentioned": (
        "Nhắc đến {text}, văn bản đã hết hiệu lực từ ngày {ceased}: nếu nêu như văn bản đang áp dụng thì sửa lại."
    ),
    "rule.era.district": (
        "{terms}: cấp huyện không còn từ ngày {day} (chính quyền địa phương hai cấp), nhưng «{excerpt}» vẫn nêu; nếu "
        "là tên hoặc địa chỉ cũ, ghi theo đơn vị hành chính hiện nay."
    ),
    "rule.era.district/body": (
        "{terms}: cấp huyện không còn từ ngày {day} (chính quyền địa phương hai cấp), nhưng «{excerpt}» vẫn nêu; ghi "
        "cơ quan, đơn vị hiện nay."
    ),
    # --- link: an input against the inputs it links (pipeline/law/checks/) -----------------------
    "link.nomination_before_vote": "Ngày tờ trình ({day}) trước ngày họp bình xét ({meeting}).",
    "link.tie_undecided": "{note}",  # the sentence the minutes print: part.vote.tie
    "link.no_nominee": "Không có ứng viên nào đạt trong biên bản bình xét: không có ai để đề nghị.",
    "link.unknown_nominee": (
        "«{name}» không phải người được đề nghị theo biên bản bình xét. Những người được đề nghị: {names}."
    ),
    "link.achievement_missing": "Thiếu tóm tắt thành tích của: {names}.",
    "link.decision_before_nomination": "Ngày quyết định ({day}) trước ngày tờ trình ({nomination}).",
    "link.nothing_to_decide": (
        "Tờ trình không đề nghị danh hiệu, hình thức khen thưởng nào thuộc thẩm quyền {authority}."
    ),
    "link.year_mismatch": (
        "Báo cáo tự đánh giá của «{unit}» là của năm {year}, khác năm tổng kết (year: {summary_year})."
    ),
    "link.year_mismatch/vote": "Biên bản bình xét là của năm {year}, khác năm tổng kết (year: {summary_year}).",
    "link.bloc_mismatch": (
        "Báo cáo tự đánh giá của «{unit}» ghi Khối «{bloc}», khác tên Khối ban hành báo cáo tổng kết "
        "(«{summary_bloc}»)."
    ),
    "link.bloc_mismatch/vote": (
        "Biên bản bình xét do «{voter}» lập, khác Khối ban hành báo cáo tổng kết («{summary_bloc}»)."
    ),
    # --- link: across the documents of a bloc's year (pipeline/law/checks/year.py) ---------------
    "link.person_renamed": (
        "«{name}» ({position}) được đề nghị «{title}», nhưng {other} ghi «{other_name}» cho cùng chức vụ và "
        "danh hiệu: một người phải mang một tên trong mọi văn bản; sửa cho thống nhất."
    ),
    "link.person_moved": (
        "«{name}» ghi chức vụ «{position}», khác chức vụ «{other_position}» ở {other}: một người phải ghi cùng "
        "chức vụ trong mọi văn bản (nếu là hai người trùng tên, ghi rõ để phân biệt)."
    ),
    "link.unregistered_title": (
        "«{name}» được đề nghị «{title}», nhưng bản đăng ký thi đua của đơn vị ({other}) không đăng ký danh hiệu "
        "này."
    ),
    "link.unregistered_title/name": (
        "«{name}» được đề nghị «{title}», nhưng không có tên trong danh sách đăng ký danh hiệu này ({other})."
    ),
    "link.unrequested_award": (
        "«{unit}» được bỏ phiếu «{title}», nhưng văn bản của đơn vị ({other}) không đề nghị danh hiệu, hình thức "
        "khen thưởng này."
    ),
    "link.dated_before_enclosed": (
        "Văn bản ghi ngày {day}, trước ngày {other_day} của văn bản nó kèm theo ({other}): một văn bản không thể "
        "ghi ngày trước văn bản nó dẫn hoặc kèm theo."
    ),
    "link.unnumbered_certified": (
        "Hồ sơ gồm báo cáo thành tích của «{nominee}» chưa có số nhưng đã có chữ ký xác nhận của {certifier} "
        "({other}): văn bản đã ký xác nhận phải là văn bản đã ban hành, có số; ghi số của báo cáo."
    ),
    "link.counter_is_candidate": (
        "{name}, thành viên Ban kiểm phiếu, là hoặc đại diện cho ứng viên «{candidate}» của «{title}» ({other}); "
        "nên chọn thành viên Ban kiểm phiếu không thuộc đơn vị được bỏ phiếu."
    ),
    "link.unit_repeated": "Có {count} báo cáo tự đánh giá của «{unit}»; mỗi đơn vị chỉ được một báo cáo.",
    "link.scale_mismatch": (
        "Bảng điểm của «{unit}» có tổng điểm tối đa {points}, khác {first_points} của «{first}»: các đơn vị phải chấm "
        "trên cùng một thang điểm thì mới xếp hạng được."
    ),
    "link.before_vote": (
        "Ngày báo cáo tổng kết ({day}) trước ngày họp bình xét ({meeting}): báo cáo nêu kết quả suy tôn nên lập từ "
        "ngày họp trở đi."
    ),
    "link.unknown_candidate": (
        "«{name}» được bỏ phiếu cho «{title}» trong biên bản bình xét nhưng không có báo cáo tự đánh giá nào của đơn "
        "vị này."
    ),
    "link.member_count": "Biên bản bình xét ghi Khối có {total} thành viên, nhưng có {count} báo cáo tự đánh giá.",
    "link.member_missing": "Thành viên «{name}» của Khối (theo biên bản bình xét) chưa có báo cáo tự đánh giá.",
    "link.not_member": "«{name}» có báo cáo tự đánh giá nhưng không có tên trong thành phần Khối ở biên bản bình xét.",
    # --- part: sentences that complete another message (not finding codes) ----------------------
    "part.unconfirmed_rule": "(Quy định này chưa được xác nhận: {note}.)",
    "part.unconfirmed_date": "(Ngày này chưa được xác nhận: {note}.)",
    "part.counting_practice": (
        "thông lệ kiểm phiếu: thành viên Ban kiểm phiếu không là người, đơn vị có tên trong danh sách bỏ phiếu; "
        "chưa có quy định về thi đua, khen thưởng nói điều này – chưa được xác nhận"
    ),
    "part.alternative_ground": "Đây là một trong các căn cứ đề nghị; chỉ đề nghị được nếu có căn cứ khác.",
    "part.unchecked_form": "hoso không kiểm tra được điều kiện của hình thức này.",
    "part.threshold": "Ngưỡng đạt {percent} tổng số thành viên áp dụng cho {titles}",
    "part.written_opinions": "Quy định thành viên vắng mặt phải có ý kiến bằng văn bản",
    "part.authority": "Thẩm quyền quyết định {titles}",
    "part.eligibility.who": "«{name}» được đề nghị «{title}» năm {year}",
    "part.bonus.coefficient": "Hệ số tiền thưởng {coefficient} của «{title}» ({recipient})",
    "part.bonus.base_salary": "Mức lương cơ sở {amount} (áp dụng từ {start})",
    "part.bonus.rounding": "Quy tắc {rounding} tiền thưởng",
    "part.achievement_form": "Đề mục và số hiệu mẫu của báo cáo thành tích",
    "part.bonus.no_coefficient": (
        "Danh mục của hoso chưa có hệ số tiền thưởng của «{title}» ({recipient}) theo {decree} (áp dụng tại ngày "
        "{day})."
    ),
    "part.bonus.no_base_salary": "Bảng mức lương cơ sở của hoso chưa có mức áp dụng tại ngày {day}.",
    # --- schema: the validate stage's findings; built-in types (pipeline/stages/validate.py) and
    # the schemas' own checks (schemas/<area>.py, raised with schema_error) ---------------------
    # schemas: achievement
    "schema.achievement.decision_number": (
        "Số, ký hiệu quyết định «{value}» không đúng dạng «số/QĐ-cơ quan ban hành», không có dấu cách, ví dụ: "
        "123/QĐ-UBND, 1234/QĐ-TTg."
    ),
    "schema.achievement.year_mismatch": (
        "Năm thành tích (year: {year}) không khớp ngày báo cáo (document.date: {issued}): báo cáo thành tích "
        "lập trong năm đó hoặc năm sau."
    ),
    "schema.achievement.before_birth": "Năm khen thưởng (year: {year}) trước năm sinh (person.date_of_birth: {born}).",
    "schema.achievement.decision_before_year": (
        "Ngày quyết định (decision.date: {decided}) trước năm khen thưởng (year: {year}): quyết định công "
        "nhận thành tích của năm nào phải ký từ năm đó trở đi."
    ),
    "schema.achievement.future_year": "Năm khen thưởng (year: {year}) sau ngày báo cáo (document.date: {reported}).",
    "schema.achievement.duplicate_title": (
        "Danh hiệu «{title}» năm {year} đã ghi ở dòng {first}; mỗi danh hiệu chỉ được công nhận một lần trong "
        "một năm."
    ),
    "schema.achievement.future_decision": (
        "Ngày quyết định (decision.date: {decided}) sau ngày báo cáo (document.date: {reported})."
    ),
    "schema.achievement.born_after_report": (
        "Ngày sinh (person.date_of_birth: {born}) không trước ngày báo cáo (document.date: {reported})."
    ),
    # schemas: bloc
    "schema.bloc.repeated_member": "{label} ghi hơn một lần: {names}.",
    # schemas: bloc_summary
    "schema.bloc_summary.year_mismatch": (
        "Năm thi đua {year} không khớp ngày báo cáo {issued}: báo cáo tổng kết lập trong năm đó hoặc quý I "
        "năm sau."
    ),
    "schema.bloc_summary.repeated_link": "Danh sách báo cáo tự đánh giá ghi hơn một lần: {links}.",
    # schemas: nomination
    "schema.nomination.addressee_missing": (
        "Tờ trình gửi cấp trên: cần ghi người có thẩm quyền ở «addressees» (dòng «Kính gửi»), ví dụ: Chủ tịch "
        "UBND tỉnh Thái Nguyên."
    ),
    # schemas: nominee_list
    "schema.nominee_list.empty": "Danh sách chưa có cá nhân (individuals) hay tập thể (collectives) nào.",
    "schema.nominee_list.repeated": (
        "«{name}» đã có ở mục {first} của danh sách; mỗi người, mỗi tập thể chỉ ghi một lần."
    ),
    "schema.nominee_list.members_mismatch": (
        "Số thành viên hoàn thành nhiệm vụ (members_completing: {completing}) lớn hơn tổng số thành viên "
        "(members: {members})."
    ),
    "schema.nominee_list.members_mismatch/listed": (
        "Danh sách có {listed} cá nhân thuộc «{name}» (individuals[].collective), nhiều hơn tổng số thành "
        "viên (members: {members})."
    ),
    # schemas: person
    "schema.person.name_form": (
        "Họ và tên «{name}» phải ghi đầy đủ, không viết tắt, không ghi học hàm, học vị; viết hoa chữ cái đầu "
        "mỗi tiếng, các chữ khác viết thường (ví dụ: Nguyễn Thị Thu Hà)."
    ),
    # schemas: plan
    "schema.plan.year_mismatch": (
        "Năm thi đua {year} không khớp ngày ban hành {issued}: kế hoạch ban hành trong năm đó hoặc cuối năm "
        "trước."
    ),
    "schema.plan.deadline_before_issue": "Hạn đăng ký thi đua ({deadline}) trước ngày ban hành kế hoạch ({issued}).",
    # schemas: record
    "schema.record.discipline_order": (
        "Ngày hết thời hạn kỷ luật (end: {end}) trước ngày kỷ luật có hiệu lực (start: {start})."
    ),
    # schemas: registration
    "schema.registration.year_mismatch": (
        "Năm thi đua (year: {year}) không khớp ngày ký (document.date: {issued}): bản đăng ký lập trong năm "
        "đó hoặc cuối năm trước."
    ),
    "schema.registration.count_and_names": (
        "Danh hiệu «{title}»: ghi danh sách họ tên (names) hoặc số người (count), không ghi cả hai; khi có "
        "danh sách, hoso tự đếm số người."
    ),
    "schema.registration.count_missing": "Danh hiệu «{title}»: cần danh sách họ tên (names) hoặc số người (count).",
    "schema.registration.duplicate_title": "Danh hiệu «{title}» đã đăng ký ở mục {first}; gộp hai mục làm một.",
    # schemas: rule_pack
    "schema.rule_pack.decimals": "Chỉ ghi tối đa 2 chữ số thập phân, nhưng nhận được «{value}».",
    "schema.rule_pack.pattern": "Mẫu tìm kiếm «{pattern}» không hợp lệ (biểu thức chính quy): {reason}.",
    "schema.rule_pack.period_order": "Ngày kết thúc (end: {end}) trước ngày bắt đầu (start: {start}).",
    "schema.rule_pack.unknown_source": "Không có văn bản nguồn «{source}» trong references. Các khóa có: {known}.",
    "schema.rule_pack.title_incomplete": (
        "Bộ quy tắc quốc gia: danh hiệu «{name}» cần đủ category, recipients và decided_by."
    ),
    "schema.rule_pack.text_order": "Ngày có hiệu lực (in_force_from: {start}) trước ngày ban hành (issued: {issued}).",
    "schema.rule_pack.period_order/in_force": (
        "Ngày hết hiệu lực (in_force_until: {end}) trước ngày có hiệu lực (in_force_from: {start})."
    ),
    "schema.rule_pack.recipient_repeated": "Đối tượng ghi hơn một lần trong recipients.",
    "schema.rule_pack.deadline_day": "Ngày {day} tháng {month} không có thật.",
    "schema.rule_pack.practice_vote_missing": (
        "Bộ quy tắc quốc gia cần tỷ lệ áp dụng khi không có quy định riêng (practice_vote)."
    ),
    "schema.rule_pack.rounding_missing": (
        "Bộ quy tắc quốc gia cần quy tắc làm tròn tiền thưởng (rounding; để trống up_to nếu không làm tròn)."
    ),
    "schema.rule_pack.salary_order": (
        "Ngày áp dụng {start} phải sau ngày của mục trước ({previous}): các mục ghi theo thứ tự thời gian."
    ),
    "schema.rule_pack.collective_requirement": (
        "Điều kiện «{rule}» chỉ áp dụng cho tập thể, nhưng danh hiệu không dành cho tập thể."
    ),
    "schema.rule_pack.bonus_recipient": (
        "Có hệ số tiền thưởng cho {name} nhưng danh hiệu không dành cho {name} (recipients)."
    ),
    # schemas: self_assessment
    "schema.self_assessment.points_decimals": (
        "Điểm chỉ ghi tối đa 2 chữ số thập phân (ví dụ 0,25), nhưng nhận được «{points}»."
    ),
    "schema.self_assessment.year_mismatch": (
        "Năm thi đua {year} không khớp ngày báo cáo {issued}: báo cáo tự đánh giá lập trong năm đó hoặc quý I "
        "năm sau."
    ),
    "schema.self_assessment.score_above_max": (
        "Điểm tự chấm ({score}) lớn hơn điểm tối đa ({max_points}) của tiêu chí «{name}»."
    ),
    "schema.self_assessment.addressee_missing": (
        "Báo cáo gửi Trưởng khối: cần ghi nơi nhận chính ở «addressees» (dòng «Kính gửi»)."
    ),
    # schemas: signer
    "schema.signer.academic_title": (
        "Không ghi học hàm, học vị trước họ tên người ký (NĐ 30/2020, Phụ lục I, Phần II, mục 7)."
    ),
    "schema.signer.position_missing": (
        "Thiếu chức vụ người ký (chỉ được bỏ trống khi ký «Q.», vì dòng quyền đã là chức vụ)."
    ),
    # schemas: text
    "schema.text.newline": "Không được xuống dòng trong trường này; mỗi đoạn văn là một mục riêng của danh sách.",
    # schemas: vote
    "schema.vote.votes_above_valid": (
        "Số phiếu đồng ý của «{candidate}» (titles[{i}].candidates[{j}].votes: {votes}) lớn hơn số phiếu hợp "
        "lệ (counting.ballots.valid: {valid})."
    ),
    "schema.vote.members_mismatch": (
        "Số thành viên có mặt (present: {present}) cộng số thành viên vắng mặt (absent: {absent}) là {sum}, "
        "khác tổng số thành viên (total: {total})."
    ),
    "schema.vote.member_repeated": (
        "Thành viên ghi hơn một lần trong danh sách có mặt (present) và vắng mặt (absent): {names}."
    ),
    "schema.vote.returned_above_issued": (
        "Số phiếu thu về (returned: {returned}) lớn hơn số phiếu phát ra (issued: {issued})."
    ),
    "schema.vote.ballots_mismatch": (
        "Số phiếu hợp lệ (valid: {valid}) cộng số phiếu không hợp lệ (invalid: {invalid}) là {sum}, khác số "
        "phiếu thu về (returned: {returned})."
    ),
    "schema.vote.counting_order": "Giờ kiểm phiếu xong (end: {end}) phải sau giờ bắt đầu kiểm phiếu (start: {start}).",
    "schema.vote.candidate_repeated": "Ứng viên ghi hơn một lần trong danh hiệu «{name}»: {names}.",
    "schema.vote.year_mismatch": (
        "Năm thi đua (year: {year}) không khớp thời gian họp (start: {start}): cuộc họp bình xét diễn ra cuối "
        "năm đó hoặc đầu năm sau."
    ),
    "schema.vote.meeting_order": (
        "Thời gian kết thúc cuộc họp (end: {end}) phải sau thời gian bắt đầu (start: {start})."
    ),
    "schema.vote.votes_above_valid/written": (
        "Số phiếu đồng ý của «{candidate}» (titles[{i}].candidates[{j}].votes: {votes}) lớn hơn số phiếu hợp "
        "lệ (counting.ballots.valid: {valid}) cộng số ý kiến bằng văn bản của thành viên vắng mặt "
        "(members.absent: {written})."
    ),
    "schema.vote.choices_above_seats/written": (
        "Tổng số phiếu đồng ý của các ứng viên «{name}» (titles[{i}]: {chosen}) lớn hơn số suất "
        "(titles[{i}].seats: {seats}) nhân số phiếu hợp lệ (counting.ballots.valid: {valid}) cộng số ý kiến bằng "
        "văn bản (members.absent: {written}): mỗi phiếu, mỗi ý kiến chỉ được đồng ý nhiều nhất {seats} ứng viên."
    ),
    "schema.vote.choices_above_seats": (
        "Tổng số phiếu đồng ý của các ứng viên «{name}» (titles[{i}]: {chosen}) lớn hơn số suất "
        "(titles[{i}].seats: {seats}) nhân số phiếu hợp lệ (counting.ballots.valid: {valid}): mỗi phiếu chỉ "
        "được đồng ý nhiều nhất {seats} ứng viên."
    ),
    "schema.vote.counting_outside_meeting": (
        "Thời gian kiểm phiếu (counting.start: {counting_start}, counting.end: {counting_end}) phải nằm trong "
        "thời gian họp (start: {start}, end: {end})."
    ),
    "schema.vote.issued_above_voters": (
        "Số phiếu phát ra (counting.ballots.issued: {issued}) lớn hơn số thành viên có mặt (members.present: "
        "{present}): phiếu chỉ phát cho thành viên có mặt; ý kiến bằng văn bản của thành viên vắng mặt không "
        "phải phiếu phát ra, biên bản ghi riêng."
    ),
    "schema.vote.title_repeated": "Danh hiệu ghi hơn một lần trong titles: {names}; gộp các ứng viên vào một mục.",
    # schemas: bloc (the folder names a pack writes; the reason from pipeline/core/names.py)
    "schema.bloc.unsafe_folder": "{problem}",  # why, from part.name.*
    "part.name.empty": "Tên thư mục không được để trống.",
    "part.name.control": "Tên «{name}» chứa ký tự điều khiển.",
    "part.name.path": (
        "Tên «{name}» là một đường dẫn, không phải một tên thư mục; chỉ được ghi một tên, không có «/», «\\» hay «..»."
    ),
    "part.name.reserved": "Tên «{name}» là tên thiết bị dành riêng của Windows; hãy chọn tên khác.",
    "part.name.too_long": "Tên «{name}» dài quá {limit} ký tự.",
    "part.name.characters": (
        "Tên «{name}» chỉ được gồm chữ cái không dấu, chữ số, dấu «-», «_», «.», bắt đầu bằng chữ hoặc số và không kết "
        "thúc bằng dấu chấm."
    ),
    "part.name.outside": "«{target}» nằm ngoài thư mục «{root}».",
    # schemas: pydantic's own checks, by type (pipeline/stages/validate.py fills what pydantic gives)
    "schema.missing": "Thiếu trường bắt buộc.",
    "schema.missing/tag": "Thiếu trường {discriminator} để xác định loại dữ liệu.",
    "schema.type/string": (
        "Giá trị phải là chuỗi ký tự, nhưng nhận được {input}; nếu cần giữ nguyên số hoặc ngày tháng, hãy đặt "
        "trong dấu nháy."
    ),
    "schema.type/integer": "Giá trị phải là số nguyên, nhưng nhận được {input}.",
    "schema.type/whole": "Giá trị phải là số nguyên (không có phần thập phân), nhưng nhận được {input}.",
    "schema.type/number": "Giá trị phải là số, nhưng nhận được {input}.",
    "schema.type/bool": "Giá trị phải là có hoặc không (true hoặc false), nhưng nhận được {input}.",
    "schema.type/date": (
        "Giá trị phải là một ngày có thật, viết theo dạng năm-tháng-ngày (ví dụ 2020-03-05), nhưng nhận được "
        "{input}."
    ),
    "schema.type/date_only": "Giá trị phải là ngày, không kèm giờ, nhưng nhận được {input}.",
    "schema.type/datetime": (
        "Giá trị phải là một thời điểm có thật, viết theo dạng năm-tháng-ngày giờ:phút (ví dụ 2020-03-05 "
        "14:30), nhưng nhận được {input}."
    ),
    "schema.type/list": "Giá trị phải là một danh sách (mỗi mục một dòng bắt đầu bằng «- »), nhưng nhận được {input}.",
    "schema.type/mapping": "Giá trị phải là một bảng «tên trường: giá trị», nhưng nhận được {input}.",
    "schema.too_short/string": "Giá trị quá ngắn: cần ít nhất {min_length} ký tự.",
    "schema.too_long/string": "Giá trị quá dài: tối đa {max_length} ký tự, hiện có {length} ký tự.",
    "schema.too_short": "Cần ít nhất {min_length} mục, hiện có {actual_length}.",
    "schema.too_long": "Chỉ được tối đa {max_length} mục, hiện có {actual_length}.",
    "schema.range/gt": "Giá trị phải lớn hơn {gt}, nhưng nhận được {input}.",
    "schema.range": "Giá trị phải lớn hơn hoặc bằng {ge}, nhưng nhận được {input}.",
    "schema.range/lt": "Giá trị phải nhỏ hơn {lt}, nhưng nhận được {input}.",
    "schema.range/le": "Giá trị phải nhỏ hơn hoặc bằng {le}, nhưng nhận được {input}.",
    "schema.range/multiple_of": "Giá trị phải là bội số của {multiple_of}, nhưng nhận được {input}.",
    "schema.choice": "Chỉ được chọn một trong: {expected}, nhưng nhận được {input}.",
    "schema.choice/tag": (
        "Loại «{tag}» (trường {discriminator}) không hợp lệ; chỉ được chọn một trong: {expected_tags}."
    ),
    "schema.pattern": "Giá trị {input} không đúng định dạng yêu cầu (mẫu: {pattern}).",
    "schema.value": "{detail}",
    "schema.type/other": "Giá trị không hợp lệ (nhận được {input}; chi tiết: {detail}).",
    "schema.value/other": "Giá trị không hợp lệ (nhận được {input}; chi tiết: {detail}).",
    "schema.unknown_field": "Trường «{key}» không có trong mẫu dữ liệu.",
    "schema.unknown_field/close": "Trường «{key}» không có trong mẫu dữ liệu; có phải ý bạn là «{close}»?",
    "schema.unknown_field/valid": "Trường «{key}» không có trong mẫu dữ liệu. Các trường hợp lệ: {names}.",
    # --- ND30: the NĐ 30/2020 check of a .docx (pipeline/nd30/check/); the rule each code checks is
    # listed by ``hoso check --rules`` (pipeline/nd30/check/codes.py) ---------------------------
    "ND30-UNREADABLE": "Không đọc được tệp như một văn bản Word (.docx): {reason}.",
    "ND30-PAGE-SIZE": "Khổ giấy {width} × {height}, phải là A4 {a4_width} × {a4_height} mm.",
    "ND30-PAGE-SIZE/missing": "Không khai báo khổ giấy; phải là A4 {a4_width} × {a4_height} mm.",
    "ND30-MARGIN": "Lề {side} {value} mm, quy định {allowed}.",
    "ND30-MARGIN/missing": "Không khai báo lề {side}; quy định {allowed}.",
    "ND30-FONT": "Phông chữ {font} thay vì {expected}: {example}{more}.",
    "ND30-FONT/slot": "Phông chữ “{font}” ({slot}) thay vì {expected}: {example}{more}.",
    "ND30-COLOR": "Chữ màu #{color} thay vì màu đen: {example}{more}.",
    "ND30-COLOR/theme": "Chữ màu theo chủ đề “{theme}” thay vì màu đen: {example}{more}.",
    "ND30-NFC": (
        "Chữ tiếng Việt gõ theo kiểu dấu rời (Unicode tổ hợp) thay vì dựng sẵn: {example}{more}; hãy gõ lại "
        "hoặc chuyển mã sang Unicode dựng sẵn."
    ),
    "ND30-HEADER-WRAP": (
        "Dòng {text} dài {width}, cột chỉ có {room}: dòng bị tự xuống dòng; ngắt dòng chủ động hoặc nới rộng cột."
    ),
    "ND30-HEADER-WRAP/word": (
        "Từ {word} trong dòng {text} dài {width}, cột chỉ có {room}: từ bị cắt đôi khi xuống dòng; "
        "viết tắt hoặc nới rộng cột."
    ),
    "ND30-NATIONAL-TITLE": "Không tìm thấy Quốc hiệu “{expected}” ở phần đầu văn bản.",
    "ND30-NATIONAL-TITLE-SPELLING": "Quốc hiệu {text} bỏ dấu theo cách cũ; nên viết “{expected}”.",
    "ND30-NATIONAL-TITLE-STYLE": "Quốc hiệu {text}: {problems}.",
    "ND30-MOTTO": "Tiêu ngữ {text} phải viết đúng “{expected}” (gạch nối “-”, cách hai bên).",
    "ND30-MOTTO/missing": "Không tìm thấy Tiêu ngữ “{expected}” dưới Quốc hiệu.",
    "ND30-MOTTO-STYLE": "Tiêu ngữ {text}: {problems}.",
    "ND30-MOTTO-RULE": "Thiếu đường kẻ liền dưới Tiêu ngữ {text}.",
    "ND30-MOTTO-RULE/typed": "Dưới Tiêu ngữ là dòng ký tự {rule} thay vì đường kẻ liền; hãy kẻ đường thẳng.",
    "ND30-PARENT-STYLE": "Tên cơ quan chủ quản {text}: {problems}.",
    "ND30-ISSUER-MISSING": "Không tìm thấy tên cơ quan ban hành phía trên dòng số, ký hiệu.",
    "ND30-ISSUER-STYLE": "Tên cơ quan ban hành {text}: {problems}.",
    "ND30-ISSUER-RULE": "Thiếu đường kẻ liền dưới tên cơ quan ban hành {text}.",
    "ND30-ISSUER-RULE/typed": (
        "Dưới tên cơ quan ban hành là dòng ký tự {rule} thay vì đường kẻ liền; hãy kẻ đường thẳng."
    ),
    "ND30-ISSUER-RULE-LENGTH": (
        "Đường kẻ dưới tên cơ quan ban hành dài {length}, bằng {ratio} lần độ dài ước tính của dòng chữ {text} "
        "({text_length}); nên bằng {allowed}."
    ),
    "ND30-NUMBER-MISSING": "Không tìm thấy dòng “Số: …/…” ở phần đầu văn bản.",
    "ND30-NUMBER-FORMAT": "Số, ký hiệu {text} phải viết liền, không có dấu cách quanh “/” và “-”.",
    "ND30-NUMBER-ZERO": "Số văn bản “{number}” trong {text} phải viết thêm số 0 phía trước: “{padded}”.",
    "ND30-NUMBER-STYLE": "Dòng số, ký hiệu {text}: {problems}.",
    "ND30-DATE-FORMAT": "Dòng địa danh, ngày tháng {text} phải có dạng “<địa danh>, ngày … tháng … năm …”.",
    "ND30-DATE-FORMAT/not_real": "Dòng địa danh, ngày tháng {text}: ngày {day} tháng {month} năm {year} không có thật.",
    "ND30-DATE-ZERO": "Ngày tháng {text}: {problems}.",
    "ND30-DATE-STYLE": "Dòng địa danh, ngày tháng {text}: {problems}.",
    "ND30-DATE-MISSING": (
        "Không tìm thấy dòng địa danh, ngày tháng (“…, ngày … tháng … năm …”) ở phần đầu văn bản."
    ),
    "ND30-TITLE-STYLE": "Tên loại văn bản {text}: {problems}.",
    "ND30-SUBJECT-STYLE": "Trích yếu {text}: {problems}.",
    "ND30-SUBJECT-RULE": "Thiếu đường kẻ liền dưới trích yếu {text}.",
    "ND30-SUBJECT-RULE/typed": "Dưới trích yếu là dòng ký tự {rule} thay vì đường kẻ liền; hãy kẻ đường thẳng.",
    "ND30-BASIS-STYLE": "Dòng căn cứ {text}: {problems}.",
    "ND30-BASIS-DASH": "Dòng căn cứ {text} không được bắt đầu bằng gạch đầu dòng hay ký hiệu đánh số.",
    "ND30-BASIS-PUNCT": "Dòng căn cứ {text} phải kết thúc bằng “{mark}”.",
    "ND30-BASIS-PUNCT/continued": "Dòng căn cứ {text} phải kết thúc bằng “.” hoặc “,” hoặc “;”.",
    "ND30-BODY-SIZE": "Nội dung cỡ chữ {sizes} pt, quy định {allowed}: {example}{more}.",
    "ND30-BODY-ALIGN": "Nội dung căn lề {align}, quy định căn đều hai bên: {example}{more}.",
    "ND30-BODY-INDENT": "Lùi đầu dòng {indent} mm, quy định {allowed}: {example}{more}.",
    "ND30-BODY-SPACING": (
        "Khoảng cách trước và sau đoạn tổng {total} pt, quy định tối thiểu {low} pt: {example}{more}."
    ),
    "ND30-BODY-SPACING/contextual": (
        "Khoảng cách trước và sau đoạn tổng {total} pt (đang bật “không thêm khoảng cách giữa các đoạn cùng "
        "kiểu”), quy định tối thiểu {low} pt: {example}{more}."
    ),
    "ND30-LINE-SPACING": "Cách dòng {lines} dòng, quy định {allowed}: {example}{more}.",
    "ND30-LINE-SPACING/exact": (
        "Cách dòng chính xác {height} pt với chữ {size} pt, quy định {allowed}: {example}{more}."
    ),
    "ND30-LINE-SPACING/at_least": (
        "Cách dòng tối thiểu {height} pt với chữ {size} pt, quy định {allowed}: {example}{more}."
    ),
    "ND30-AUTHORITY-FORMAT": "Quyền hạn ký {text} phải viết “{expected}” (có dấu chấm, không dùng “/”).",
    "ND30-AUTHORITY-STYLE": "Quyền hạn, chức vụ người ký {text}: {problems}.",
    "ND30-SIGNER-STYLE": "Họ tên người ký {text}: {problems}.",
    "ND30-RECIPIENTS-MISSING": "Không tìm thấy phần “{label}”.",
    "ND30-RECIPIENTS-LABEL-STYLE": "Chữ {text}: {problems}.",
    "ND30-RECIPIENTS-ITEM-STYLE": "Nơi nhận {text}: {problems}.",
    "ND30-RECIPIENTS-ITEM-DASH": "Nơi nhận {text} phải bắt đầu bằng “- ”.",
    "ND30-RECIPIENTS-PUNCT": "Nơi nhận {text} phải kết thúc bằng “{mark}”.",
    "ND30-RECIPIENTS-ARCHIVE": "Nơi nhận cuối cùng phải là “{archive}, …”; đang là {text}.",
    "ND30-PAGE-NUMBER-FIRST": (
        "Trang thứ nhất có số trang: đầu trang dùng cho trang 1 chứa trường PAGE. Số trang chỉ hiện từ trang thứ "
        "hai: bật “Trang đầu khác” (titlePg) và để trống đầu trang của trang đầu."
    ),
    "ND30-PAGE-NUMBER-FIRST/footer": (
        "Trang thứ nhất có số trang: chân trang dùng cho trang 1 chứa trường PAGE. Số trang đặt ở đầu trang và "
        "chỉ hiện từ trang thứ hai: bật “Trang đầu khác” (titlePg) và để trống đầu trang, chân trang của trang đầu."
    ),
    "ND30-PAGE-NUMBER-MISSING": (
        "Đầu trang không có số trang (trường PAGE); văn bản nhiều trang phải đánh số từ trang thứ hai."
    ),
    "ND30-PAGE-NUMBER-POSITION": "Số trang đặt ở {part}; phải đặt giữa lề trên (đầu trang).",
    "ND30-LAYOUT-HEADER-WRAP": (
        "Trên trang in, dòng {text} bị xuống dòng thành hai dòng; phải nằm gọn trên một dòng: ngắt dòng chủ động, "
        "thu hẹp khoảng cách chữ hoặc nới rộng cột."
    ),
    "ND30-LAYOUT-SIGNATURE-SPLIT": (
        "Khối chữ ký bị tách sang hai trang: {authority} ở trang {first}, họ tên người ký {text} ở trang {last}; "
        "giữ thẩm quyền, chức vụ, chữ ký và họ tên người ký trên cùng một trang."
    ),
    "ND30-LAYOUT-SIGNATURE-ALONE": (
        "Trang {page} chỉ có chữ ký (và nơi nhận), không có dòng nào của nội dung văn bản; hãy để vài dòng cuối "
        "của nội dung sang cùng trang với chữ ký."
    ),
    "ND30-LAYOUT-TABLE-ROW-SPLIT": (
        "Một hàng của bảng bị tách sang hai trang: ô {text} bắt đầu ở trang {first} và tiếp ở trang sau; đặt "
        "“Không cho phép ngắt hàng qua trang” cho các hàng của bảng."
    ),
    "ND30-LAYOUT-PAGE-NUMBER-FIRST": (
        "Trang thứ nhất in số trang {number}; số trang chỉ hiện từ trang thứ hai: bật “Trang đầu khác” và để "
        "trống đầu trang, chân trang của trang đầu."
    ),
    "ND30-PAGE-NUMBER-STYLE": "Số trang: {problems}.",
    "ND30-APPENDIX-STYLE": "Chữ {text}: {problems}.",
    "ND30-APPENDIX-STYLE/title": "Tên phụ lục {text}: {problems}.",
    "ND30-APPENDIX-STYLE/reference": "Dòng {text}: {problems}.",
    "part.nd30.size": "cỡ chữ {sizes} pt (quy định {allowed})",
    "part.nd30.not_bold": "chưa in đậm",
    "part.nd30.bold": "không được in đậm",
    "part.nd30.not_italic": "chưa in nghiêng",
    "part.nd30.italic": "không được in nghiêng",
    "part.nd30.not_caps": "chưa viết in hoa",
    "part.nd30.not_centred": "chưa căn giữa",
    "part.nd30.align": "căn lề {align} thay vì căn giữa",
    "part.nd30.day_zero": "ngày {day} phải viết “{expected}”",
    "part.nd30.month_zero": "tháng {month} phải viết “{expected}”",
    "part.nd30.more": "và {count} đoạn khác",
    "part.nd30.font_undeclared": "(không khai báo)",
    "part.nd30.font_theme": "theo chủ đề {theme} (“{font}”)",
    # The one line saying which kind of document the check took a file for (pipeline/nd30/check/kind.py).
    "part.nd30.kind_title": "Loại văn bản: {kind} (theo tên loại “{title}”).",
    "part.nd30.kind_letter": "Loại văn bản: {kind} (có dòng trích yếu “V/v …” dưới số, ký hiệu).",
    "part.nd30.kind_appendix": (
        "Loại văn bản: {kind} (không có Quốc hiệu, số, ký hiệu); chỉ kiểm tra khổ giấy, lề, phông chữ và tiêu đề."
    ),
    "part.nd30.kind_none": (
        "Văn bản không theo thể thức Nghị định 30/2020 (không có Quốc hiệu, số, ký hiệu hay tên loại văn bản): "
        "không kiểm tra thể thức. Nếu đây là văn bản hành chính, hãy chỉ rõ loại văn bản."
    ),
    "part.nd30.kind_unknown_type": (
        "Loại văn bản: chưa nhận ra tên loại; kiểm tra theo thể thức chung của văn bản hành chính."
    ),
    "part.nd30.kind_chosen": "Loại văn bản: {kind} (theo lựa chọn của người dùng).",
    "part.nd30.kind_form": (
        "Loại văn bản: {kind} (biểu mẫu hoặc bảng thống kê: không có số, ký hiệu, tên loại, người ký hay nơi nhận "
        "theo thể thức); chỉ kiểm tra khổ giấy, lề, phông chữ, Quốc hiệu và Tiêu ngữ."
    ),
    "part.nd30.kind_unknown": "Không có loại văn bản «{kind}». Các loại: {kinds}.",
    # --- fix: what «hoso check --fix» changed in the corrected copy (pipeline/nd30/check/fix.py) --
    "fix.same_file": (
        "Tệp kết quả trùng với tệp gốc «{file}»; hãy đặt tên khác cho bản đã sửa (bản gốc không bao giờ bị ghi đè)."
    ),
    "fix.nd30.nfc": "Đã chuyển {count} đoạn chữ gõ dấu rời sang Unicode dựng sẵn.",
    "fix.nd30.page_size": "Đã đặt khổ giấy A4.",
    "fix.nd30.page_size/section": "Đã đặt khổ giấy A4 ở section {number}.",
    "fix.nd30.margin": "Đã đặt lề {side} {value} mm.",
    "fix.nd30.margin/section": "Đã đặt lề {side} {value} mm ở section {number}.",
    "fix.nd30.font": "Đã đặt phông chữ {font} cho {count} đoạn chữ đang dùng phông khác.",
    "fix.nd30.date": "Đã viết lại ngày tháng “{before}” thành “{after}”.",
    "fix.nd30.motto": "Đã viết lại Tiêu ngữ “{before}” thành “{after}”.",
    "fix.nd30.style": "Đã sửa cỡ chữ, kiểu chữ của {component} ({count} dòng).",
    "fix.nd30.page_number": "Đã đặt số trang ở giữa đầu trang, từ trang thứ hai.",
    "fix.nd30.page_number/moved": "Đã chuyển số trang từ chân trang lên giữa đầu trang, từ trang thứ hai.",
    "fix.nd30.motto_rule": "Đã kẻ đường liền dưới Tiêu ngữ.",
    # The one-line rule each ND30 code checks, listed by «hoso check --rules» (its /rule key)
    "ND30-UNREADABLE/rule": "Tệp mở được như một văn bản Word (.docx).",
    "ND30-PAGE-SIZE/rule": "Khổ giấy A4 ({width} × {height} mm), trang dọc; trang ngang chỉ dùng cho bảng rộng.",
    "ND30-MARGIN/rule": "Lề trên {top}, lề dưới {bottom}, lề trái {left}, lề phải {right}.",
    "ND30-FONT/rule": "Phông chữ {font} cho mọi chữ của thân văn bản, bảng, đầu và chân trang.",
    "ND30-COLOR/rule": "Chữ màu đen.",
    "ND30-NFC/rule": "Chữ tiếng Việt theo bộ mã Unicode dựng sẵn (TCVN 6909:2001), không gõ dấu rời.",
    "ND30-NATIONAL-TITLE/rule": "Có Quốc hiệu “{title}” ở phần đầu văn bản.",
    "ND30-NATIONAL-TITLE-SPELLING/rule": "Quốc hiệu không bỏ dấu theo cách cũ (“HOÀ”) (cảnh báo).",
    "ND30-NATIONAL-TITLE-STYLE/rule": "Quốc hiệu in hoa, đậm, cỡ {size}.",
    "ND30-MOTTO/rule": "Có Tiêu ngữ đúng nguyên văn “{motto}” (gạch nối “-” có dấu cách hai bên).",
    "ND30-MOTTO-STYLE/rule": "Tiêu ngữ in đậm, cỡ {size}.",
    "ND30-MOTTO-RULE/rule": "Có đường kẻ liền dưới Tiêu ngữ (không phải dòng gõ “-----”).",
    "ND30-PARENT-STYLE/rule": "Tên cơ quan chủ quản in hoa, không đậm, cỡ {size}.",
    "ND30-ISSUER-MISSING/rule": "Có tên cơ quan ban hành phía trên dòng số, ký hiệu.",
    "ND30-ISSUER-STYLE/rule": "Tên cơ quan ban hành in hoa, đậm, cỡ {size}.",
    "ND30-ISSUER-RULE/rule": "Có đường kẻ liền dưới tên cơ quan ban hành (không phải dòng gõ “-----”).",
    "ND30-ISSUER-RULE-LENGTH/rule": (
        "Đường kẻ dưới tên cơ quan ban hành dài bằng {allowed} dòng chữ (ước lượng; cảnh báo)."
    ),
    "ND30-NUMBER-MISSING/rule": "Có dòng “Số: …/…” dưới tên cơ quan ban hành.",
    "ND30-NUMBER-ZERO/rule": "Số văn bản có ít hơn {width} chữ số được thêm số 0 phía trước.",
    "ND30-NUMBER-FORMAT/rule": "Số, ký hiệu viết liền: không có dấu cách quanh “/” và “-”.",
    "ND30-NUMBER-STYLE/rule": "Dòng số, ký hiệu chữ đứng, không đậm, cỡ {size}.",
    "ND30-DATE-FORMAT/rule": "Dòng địa danh, ngày tháng viết “<địa danh>, ngày … tháng … năm …” với ngày có thật.",
    "ND30-DATE-ZERO/rule": "Ngày có một chữ số và tháng {months} có số 0 phía trước; các tháng khác thì không.",
    "ND30-DATE-STYLE/rule": "Dòng địa danh, ngày tháng in nghiêng, không đậm, cỡ {size}.",
    "ND30-DATE-MISSING/rule": "Có dòng địa danh, ngày tháng (trừ {types}).",
    "ND30-TITLE-STYLE/rule": "Tên loại văn bản in hoa, đậm, căn giữa, cỡ {size}.",
    "ND30-SUBJECT-STYLE/rule": "Trích yếu in đậm, căn giữa, cỡ {size}.",
    "ND30-SUBJECT-RULE/rule": "Có đường kẻ liền dưới trích yếu (không phải dòng gõ “-----”).",
    "ND30-BASIS-STYLE/rule": "Dòng căn cứ in nghiêng, không đậm, cỡ {size}.",
    "ND30-BASIS-DASH/rule": "Dòng căn cứ không bắt đầu bằng gạch đầu dòng hay ký hiệu đánh số.",
    "ND30-BASIS-PUNCT/rule": "Mỗi dòng căn cứ kết thúc bằng “;”, dòng cuối bằng “.”.",
    "ND30-BODY-SIZE/rule": "Nội dung cỡ chữ {allowed}.",
    "ND30-BODY-ALIGN/rule": "Nội dung căn đều hai bên.",
    "ND30-BODY-INDENT/rule": "Nội dung lùi đầu dòng {allowed}.",
    "ND30-BODY-SPACING/rule": "Khoảng cách giữa các đoạn tối thiểu {low} pt.",
    "ND30-LINE-SPACING/rule": "Cách dòng từ {low} (dòng đơn) đến {high} dòng.",
    "ND30-AUTHORITY-FORMAT/rule": "Quyền hạn ký viết {authorities} (không viết “K/T”, “T/L”).",
    "ND30-AUTHORITY-STYLE/rule": "Quyền hạn, chức vụ người ký in hoa, đậm, cỡ {size}.",
    "ND30-SIGNER-STYLE/rule": "Họ tên người ký in đậm, chữ đứng, cỡ {size}.",
    "ND30-RECIPIENTS-MISSING/rule": "Có phần “{label}”.",
    "ND30-RECIPIENTS-LABEL-STYLE/rule": "Chữ “{label}” in đậm, nghiêng, cỡ {size}.",
    "ND30-RECIPIENTS-ITEM-STYLE/rule": "Các nơi nhận chữ đứng, không đậm, cỡ {size}.",
    "ND30-RECIPIENTS-ITEM-DASH/rule": "Mỗi nơi nhận bắt đầu bằng “- ”.",
    "ND30-RECIPIENTS-PUNCT/rule": "Mỗi nơi nhận kết thúc bằng “;”, nơi nhận cuối bằng “.”.",
    "ND30-RECIPIENTS-ARCHIVE/rule": "Nơi nhận cuối cùng là “{archive}, …”.",
    "ND30-PAGE-NUMBER-FIRST/rule": "Không hiện số trang ở trang thứ nhất.",
    "ND30-PAGE-NUMBER-MISSING/rule": (
        "Văn bản dài hơn một trang được đánh số trang ở đầu trang từ trang thứ hai (độ dài được ước lượng; "
        "cảnh báo)."
    ),
    "ND30-PAGE-NUMBER-POSITION/rule": "Số trang đặt ở đầu trang (header), không ở chân trang.",
    "ND30-PAGE-NUMBER-STYLE/rule": "Số trang căn giữa, cỡ {allowed}.",
    "ND30-LAYOUT-HEADER-WRAP/rule": (
        "Trên trang in (khi dàn trang bằng LibreOffice), Quốc hiệu, Tiêu ngữ, dòng số và dòng ngày tháng nằm "
        "gọn trên một dòng."
    ),
    "ND30-LAYOUT-SIGNATURE-SPLIT/rule": (
        "Trên trang in, thẩm quyền, chức vụ và họ tên người ký nằm trên cùng một trang."
    ),
    "ND30-LAYOUT-SIGNATURE-ALONE/rule": (
        "Trên trang in, trang có chữ ký còn có ít nhất một dòng của nội dung văn bản (cảnh báo)."
    ),
    "ND30-LAYOUT-PAGE-NUMBER-FIRST/rule": "Trên trang in, trang thứ nhất không có số trang.",
    "ND30-LAYOUT-TABLE-ROW-SPLIT/rule": "Trên trang in, không hàng nào của bảng bị tách sang hai trang (cảnh báo).",
    "ND30-HEADER-WRAP/rule": (
        "Quốc hiệu, Tiêu ngữ, dòng số và dòng ngày tháng nằm gọn trên một dòng của cột; tên cơ quan có thể "
        "xuống dòng nhưng không từ nào bị cắt đôi."
    ),
    "ND30-APPENDIX-STYLE/rule": (
        "Phụ lục: chữ “{label}” in đứng, đậm, {label_size}; tên phụ lục in hoa, đậm; dòng “(Kèm theo …)” in "
        "nghiêng, {reference_size}."
    ),
    "part.vote.tie": (
        "Kết quả danh hiệu «{title}» chưa xác định: {names} cùng có {votes} phiếu đồng ý ({share}) cho {seats} suất còn "
        "lại; cuộc họp cần bỏ phiếu lại hoặc quyết định theo quy chế trước khi lập tờ trình."
    ),
    # --- web: the workbench, hoso serve (pipeline/web/) -------------------------------------------
    "web.kind": "Tệp chưa ghi loại dữ liệu hợp lệ ở dòng «kind: …»; sửa trực tiếp văn bản tệp.",
    "web.too_large": (
        "Tệp lớn quá {limit} MB để sửa trên trình duyệt; hãy sửa bằng trình soạn thảo và kiểm tra bằng lệnh "
        "hoso validate."
    ),
    "web.internal": "Lỗi nội bộ của hoso: {problem}.",
    "web.no_pdf": "Chưa tạo được bản PDF vì máy chưa có LibreOffice; các tệp .docx vẫn được tạo. Cài đặt: {hint}",
    "ND30-AUTHORITY-FORMAT/space": "Quyền hạn ký {text}: sau “{expected}” phải có dấu cách.",
    "conversion.web_page": (
        "Trang web không tự đặt khổ giấy và lề (không có quy tắc @page): khổ giấy và lề trang không được kiểm tra."
    ),
    "web.sample": (
        "Không có dữ liệu mẫu này; hãy chọn một trong các dữ liệu mẫu có trong danh sách hoặc khu làm việc trống."
    ),
}

_LOCATIONS = ("file", "path", "line", "cell")


def code_of(key: str) -> str:
    """The finding code a catalogue key stands for: the key without its ``/variant``."""
    return key.partition("/")[0]


def placeholders(template: str) -> frozenset[str]:
    """The names a template's ``{named}`` placeholders use (``{a.b}``, ``{a[0]}`` count as ``a``)."""
    return frozenset(
        name.partition(".")[0].partition("[")[0]
        for _, name, _, _ in string.Formatter().parse(template)
        if name is not None
    )


def text(key: str, /, **params: object) -> str:
    """The catalogue text of ``key`` filled with ``params``.

    An unknown key or a missing value raises ``KeyError``, a value the template does not use
    raises ``TypeError``: both are programming errors, which the tests catch.
    """
    template = MESSAGES[key]
    extra = set(params) - placeholders(template)
    if extra:
        raise TypeError(f"{key}: the message does not use {', '.join(sorted(extra))}")
    return template.format(**params)


def finding(
    key: str,
    /,
    *,
    file: str | None = None,
    path: str | None = None,
    line: int | None = None,
    severity: Severity = Severity.ERROR,
    reference: str | None = None,
    cell: str | None = None,
    **params: object,
) -> Finding:
    """A :class:`Finding` with the code and text of ``key``; see :func:`text` for ``params``."""
    if line is not None and not isinstance(line, int):
        # ``line`` is where the finding is; a template wanting a line of text names it ``{text}``.
        raise TypeError(f"{key}: line must be a line number, not {line!r}")
    located = {"file": file, "path": path, "line": line, "cell": cell}
    template = MESSAGES[key]
    shown = {
        name: located[name] for name in _LOCATIONS
        if name in placeholders(template) and name not in params and located[name] is not None
    }
    return Finding(
        code_of(key), text(key, **shown, **params), file=file, path=path, line=line, severity=severity,
        reference=reference, cell=cell,
    )


def schema_error(key: str, /, **params: object) -> PydanticCustomError:
    """The error a schema validator raises for ``key`` (``schema.<area>.<what>``), its text filled.

    The validate stage turns it back into the finding ``schema.<area>.<what>`` with this text.
    """
    from pydantic_core import PydanticCustomError  # only schemas need pydantic; keep core light

    if not key.startswith("schema."):
        raise KeyError(f"{key}: a schema error's key starts with 'schema.'")
    # The text is filled here, with no context: pydantic would otherwise fill it a second time.
    return PydanticCustomError(code_of(key).removeprefix("schema."), text(key, **params))
