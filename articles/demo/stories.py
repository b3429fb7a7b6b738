"""The demo newspaper's texts, written for this project.

The people, events and figures are invented; they only have to read like a
provincial daily. In a story's `body`, a block starting with "## " is a
subheading and one starting with "> " is a quotation; every other block is a
paragraph. The picture in the body comes after the second block.
"""

from dataclasses import dataclass

SECTIONS = [
    ("Chính trị", "Hoạt động của Đảng bộ, HĐND, UBND và Mặt trận các cấp trong tỉnh."),
    ("Kinh tế", "Doanh nghiệp, khu công nghiệp, nông nghiệp, giá cả và thị trường."),
    ("Xã hội", "Giáo dục, y tế, giao thông, an sinh và đời sống người dân."),
    ("Thể thao", "Bóng đá phong trào, thể thao thành tích cao và các giải đấu trong tỉnh."),
    ("Văn hóa", "Lễ hội, nghệ thuật, di sản và đời sống tinh thần của địa phương."),
]

AUTHORS = [
    ("Đỗ Trọng", "Phóng viên mảng chính trị, theo dõi HĐND tỉnh và các kỳ đại hội Đảng bộ."),
    ("Phạm Ẩn", "Phóng viên kinh tế, viết về doanh nghiệp, khu công nghiệp và nhà vườn."),
    ("Thu Thảo", "Phóng viên xã hội, phụ trách giáo dục, y tế và an sinh."),
    ("Minh Duy", "Phóng viên thể thao, mê bóng đá phong trào và những đường chạy sớm."),
    ("Ngọc Hân", "Biên tập viên văn hóa – văn nghệ, yêu đờn ca tài tử và sân khấu cải lương."),
    ("Quang Tám", "Phóng viên ảnh, hơn 15 năm cầm máy rong ruổi khắp các xã trong tỉnh."),
]


@dataclass(frozen=True)
class Story:
    section: str
    title: str
    lead: str
    body: tuple
    cover: str
    figure: str
    authors: tuple
    tags: tuple
    status: str = "published"
    featured: bool = False
    scheduled: bool = False


STORIES = [
    # Chính trị
    Story(
        section="Chính trị",
        title="Học và làm theo Bác gắn với thực hiện nhiệm vụ chính trị của địa phương",
        lead="Sau ba năm triển khai, phong trào học tập và làm theo tư tưởng, đạo đức, phong "
        "cách Hồ Chí Minh đã trở thành việc làm thường xuyên của từng chi bộ, gắn với những "
        "phần việc cụ thể ở khu phố, ấp.",
        body=(
            "Tại hội nghị sơ kết diễn ra sáng qua, nhiều chi bộ cho biết mỗi đảng viên đã đăng "
            "ký ít nhất một việc làm theo gương Bác, từ giữ vệ sinh đường làng đến giúp đỡ hộ "
            "nghèo trong khu dân cư.",
            "## Từ nghị quyết đến việc làm cụ thể",
            "Chi bộ khu phố 3, phường An Phú chọn xây dựng tuyến hẻm sáng – xanh – sạch. Sau "
            "sáu tháng, 42 hộ tự nguyện góp tiền lắp đèn chiếu sáng và trồng cây dọc tuyến "
            "hẻm dài gần 400 mét.",
            "Ở xã Tân Hòa, đảng viên là cán bộ hưu trí nhận kèm cặp học sinh có hoàn cảnh khó "
            "khăn vào các buổi tối trong tuần, giúp nhiều em cải thiện rõ kết quả học tập.",
            "## Nêu gương để lan tỏa",
            "> Làm theo Bác không phải là khẩu hiệu, mà là những việc nhỏ làm đến nơi đến chốn "
            "mỗi ngày.",
            "Hội nghị đã khen thưởng 18 tập thể và 35 cá nhân tiêu biểu, đồng thời đề ra "
            "nhiệm vụ đưa nội dung học tập vào sinh hoạt chi bộ định kỳ hằng tháng.",
        ),
        cover="Đảng viên chi bộ khu phố 3 trồng cây dọc tuyến hẻm sáng – xanh – sạch.",
        figure="Hội nghị sơ kết phong trào học tập và làm theo gương Bác.",
        authors=("Đỗ Trọng",),
        tags=("Học và làm theo Bác", "Xây dựng Đảng", "An Phú"),
    ),
    Story(
        section="Chính trị",
        title="Đảng bộ TP.Dĩ An tổng kết công tác xây dựng Đảng năm 2024",
        lead="Đảng bộ thành phố hoàn thành 16/16 chỉ tiêu nghị quyết, kết nạp 312 đảng viên "
        "mới, trong đó hơn một nửa là đoàn viên thanh niên và công nhân lao động.",
        body=(
            "Năm qua, công tác chính trị tư tưởng được triển khai bài bản; việc lấy ý kiến "
            "nhân dân đối với cán bộ, đảng viên được thực hiện ở tất cả chi bộ khu phố.",
            "## Chú trọng phát triển đảng viên trong doanh nghiệp",
            "Thành phố hiện có 27 tổ chức đảng trong doanh nghiệp ngoài nhà nước. Nhiều công "
            "nhân được giới thiệu kết nạp sau thời gian phấn đấu trong phong trào thi đua tại "
            "nhà máy.",
            "## Nhiệm vụ năm mới",
            "Đảng bộ đặt mục tiêu nâng chất lượng sinh hoạt chi bộ, đẩy mạnh chuyển đổi số "
            "trong quản lý đảng viên và chuẩn bị tốt cho đại hội đảng bộ các cấp.",
        ),
        cover="Quang cảnh hội nghị tổng kết công tác xây dựng Đảng của thành phố.",
        figure="Trao quyết định kết nạp đảng viên mới là công nhân lao động.",
        authors=("Đỗ Trọng", "Quang Tám"),
        tags=("Xây dựng Đảng", "Dĩ An", "Đại hội"),
    ),
    Story(
        section="Chính trị",
        title="HĐND tỉnh khai mạc kỳ họp thường lệ cuối năm",
        lead="Kỳ họp diễn ra trong ba ngày, xem xét 24 báo cáo và 19 dự thảo nghị quyết, "
        "trong đó có kế hoạch đầu tư công trung hạn và chính sách hỗ trợ giáo viên mầm non.",
        body=(
            "Phát biểu khai mạc, Chủ tịch HĐND tỉnh đề nghị các đại biểu tập trung thảo luận "
            "những vấn đề cử tri quan tâm như tiến độ các công trình giao thông và xử lý ô "
            "nhiễm môi trường.",
            "## Chất vấn những vấn đề nóng",
            "Phiên chất vấn dự kiến tập trung vào việc giải ngân vốn đầu tư công và cấp giấy "
            "chứng nhận quyền sử dụng đất cho người dân ở các khu tái định cư.",
            "## Truyền hình trực tiếp cho cử tri theo dõi",
            "Các phiên thảo luận tại hội trường được truyền hình, phát thanh trực tiếp để cử "
            "tri trong tỉnh theo dõi và gửi ý kiến qua đường dây nóng của kỳ họp.",
        ),
        cover="Đại biểu HĐND tỉnh dự phiên khai mạc kỳ họp.",
        figure="Đại biểu thảo luận tại tổ trước phiên chất vấn.",
        authors=("Đỗ Trọng",),
        tags=("HĐND tỉnh", "Kỳ họp", "Đầu tư công"),
    ),
    Story(
        section="Chính trị",
        title="Tiếp xúc cử tri: người dân kiến nghị sớm hoàn thiện đường liên xã",
        lead="Tại buổi tiếp xúc cử tri ở xã Bình Minh, nhiều ý kiến đề nghị đẩy nhanh tuyến "
        "đường liên xã đang thi công dở dang, gây bụi và mất an toàn giao thông.",
        body=(
            "Ông Trần Văn Lộc, cử tri ấp 2, cho biết mỗi khi trời mưa, đoạn đường trước cổng "
            "trường tiểu học trở nên lầy lội, phụ huynh phải dắt xe đưa con qua từng đoạn.",
            "## Cam kết hoàn thành trước mùa mưa",
            "Đại diện Ban Quản lý dự án cho biết nhà thầu đã được yêu cầu tăng ca, phấn đấu "
            "trải nhựa toàn tuyến trước tháng 5 năm sau.",
            "Các đại biểu ghi nhận và cam kết giám sát tiến độ, đồng thời trả lời trực tiếp "
            "các kiến nghị về chính sách đất đai và trợ cấp người có công.",
        ),
        cover="Cử tri xã Bình Minh phát biểu ý kiến với đại biểu dân cử.",
        figure="Tuyến đường liên xã đang thi công qua địa bàn ấp 2.",
        authors=("Đỗ Trọng", "Thu Thảo"),
        tags=("Tiếp xúc cử tri", "Giao thông", "Bình Minh"),
    ),
    Story(
        section="Chính trị",
        title="Mặt trận Tổ quốc tỉnh vận động hơn 30 tỷ đồng xây nhà đại đoàn kết",
        lead="Từ nguồn quỹ Vì người nghèo, 420 căn nhà đại đoàn kết đã được trao tận tay các "
        "hộ khó khăn, vượt kế hoạch đề ra cho cả năm.",
        body=(
            "Mỗi căn nhà được hỗ trợ từ 60 đến 80 triệu đồng, phần còn lại do gia đình, "
            "dòng họ và bà con lối xóm góp công, góp sức.",
            "## Doanh nghiệp đồng hành",
            "Nhiều doanh nghiệp trong các khu công nghiệp nhận đỡ đầu trọn gói xây nhà cho "
            "công nhân có hoàn cảnh khó khăn, kèm theo học bổng cho con em họ.",
            "## Ngôi nhà mới, niềm vui mới",
            "Bà Lê Thị Hoa ở ấp Tân Lập xúc động khi nhận chìa khóa căn nhà kiên cố sau hơn "
            "hai mươi năm sống trong căn nhà tạm lợp tôn.",
        ),
        cover="Trao nhà đại đoàn kết cho hộ khó khăn ở ấp Tân Lập.",
        figure="Căn nhà đại đoàn kết vừa hoàn thành.",
        authors=("Thu Thảo",),
        tags=("Mặt trận Tổ quốc", "An sinh xã hội", "Nhà đại đoàn kết"),
    ),
    Story(
        section="Chính trị",
        title="Cải cách hành chính: 96% hồ sơ được giải quyết đúng hạn",
        lead="Trung tâm Phục vụ hành chính công tỉnh tiếp nhận hơn 180.000 hồ sơ trong năm, "
        "phần lớn được nộp trực tuyến.",
        body=(
            "Bản nháp: chờ số liệu chính thức của quý IV trước khi gửi biên tập.",
            "## Người dân bớt phải đi lại",
            "Nhiều thủ tục như cấp phiếu lý lịch tư pháp, đăng ký kinh doanh hộ cá thể đã "
            "được giải quyết hoàn toàn trên môi trường mạng.",
            "## Những điểm nghẽn còn lại",
            "Thủ tục đất đai vẫn chiếm tỷ lệ trễ hạn cao nhất do phải phối hợp nhiều cơ quan.",
        ),
        cover="Người dân làm thủ tục tại Trung tâm Phục vụ hành chính công.",
        figure="Quầy hướng dẫn nộp hồ sơ trực tuyến.",
        authors=("Đỗ Trọng",),
        tags=("Cải cách hành chính", "Chuyển đổi số"),
        status="draft",
    ),
    # Kinh tế
    Story(
        section="Kinh tế",
        title="Xuất khẩu 11 tháng tăng 12%, doanh nghiệp tăng tốc đơn hàng cuối năm",
        lead="Kim ngạch xuất khẩu của tỉnh đạt hơn 30 tỷ USD, các ngành gỗ, dệt may và điện "
        "tử đều có đơn hàng đến quý I năm sau.",
        body=(
            "Theo Sở Công Thương, thị trường Hoa Kỳ, EU và Nhật Bản phục hồi giúp nhiều doanh "
            "nghiệp chế biến gỗ kín đơn hàng, phải tuyển thêm lao động thời vụ.",
            "## Ngành gỗ dẫn đầu đà phục hồi",
            "Tại một nhà máy ở khu công nghiệp Tân Hòa, dây chuyền chạy ba ca mỗi ngày. Giám "
            "đốc doanh nghiệp cho biết đơn hàng đồ nội thất ngoài trời tăng gần 30% so với "
            "cùng kỳ.",
            "## Áp lực chi phí vận chuyển",
            "Dù vậy, cước vận tải biển tăng trở lại khiến biên lợi nhuận bị thu hẹp. Các "
            "doanh nghiệp kiến nghị tăng cường kết nối cảng cạn và đường sắt chở hàng.",
            "> Chúng tôi đang tuyển thêm 300 công nhân để kịp giao hàng trước Tết.",
        ),
        cover="Công nhân hoàn thiện sản phẩm gỗ nội thất xuất khẩu.",
        figure="Container hàng xuất khẩu tại cảng cạn trong tỉnh.",
        authors=("Phạm Ẩn", "Quang Tám"),
        tags=("Xuất khẩu", "Doanh nghiệp", "Chế biến gỗ"),
        featured=True,
    ),
    Story(
        section="Kinh tế",
        title="Khu công nghiệp Tân Hòa thu hút thêm ba dự án vốn nước ngoài",
        lead="Tổng vốn đăng ký của ba dự án mới hơn 250 triệu USD, tập trung vào linh kiện "
        "điện tử và thiết bị năng lượng tái tạo.",
        body=(
            "Lễ trao giấy chứng nhận đầu tư diễn ra tại trụ sở Ban Quản lý các khu công "
            "nghiệp tỉnh với sự tham dự của đại diện các nhà đầu tư.",
            "## Ưu tiên công nghệ cao, ít thâm dụng lao động",
            "Tỉnh chủ trương chọn lọc dự án, ưu tiên công nghệ hiện đại, thân thiện môi "
            "trường và có cam kết chuyển giao công nghệ cho doanh nghiệp trong nước.",
            "## Hạ tầng sẵn sàng",
            "Khu công nghiệp đã hoàn thiện hệ thống xử lý nước thải tập trung công suất "
            "12.000 m³ mỗi ngày đêm và tuyến đường kết nối với quốc lộ.",
        ),
        cover="Nhà xưởng mới xây dựng trong khu công nghiệp Tân Hòa.",
        figure="Trao giấy chứng nhận đầu tư cho các dự án mới.",
        authors=("Phạm Ẩn",),
        tags=("Khu công nghiệp", "Đầu tư nước ngoài", "Doanh nghiệp"),
    ),
    Story(
        section="Kinh tế",
        title="Nông dân xã Bình Minh trúng mùa bưởi da xanh",
        lead="Năng suất bình quân đạt 25 tấn mỗi héc-ta, giá bán tại vườn ổn định nên nhiều "
        "hộ lãi hơn 400 triệu đồng mỗi vụ.",
        body=(
            "Những ngày này, các nhà vườn ở ấp 4 tất bật thu hoạch, phân loại bưởi để giao "
            "cho thương lái và hợp tác xã.",
            "## Trồng theo tiêu chuẩn VietGAP",
            "Hợp tác xã bưởi Bình Minh có 36 thành viên với 48 héc-ta đạt chứng nhận VietGAP. "
            "Nhờ ghi chép nhật ký canh tác, trái bưởi đã có mặt ở các chuỗi siêu thị lớn.",
            "## Hướng tới xuất khẩu",
            "Hợp tác xã đang hoàn thiện hồ sơ cấp mã số vùng trồng để đưa trái bưởi sang thị "
            "trường châu Âu trong năm tới.",
        ),
        cover="Nhà vườn ấp 4 thu hoạch bưởi da xanh.",
        figure="Phân loại bưởi trước khi giao cho hợp tác xã.",
        authors=("Phạm Ẩn", "Quang Tám"),
        tags=("Nông nghiệp", "Bình Minh", "Hợp tác xã"),
    ),
    Story(
        section="Kinh tế",
        title="Giá vật liệu xây dựng giảm nhẹ, thị trường sôi động trở lại",
        lead="Giá thép giảm khoảng 300.000 đồng mỗi tấn so với tháng trước, các đại lý ghi "
        "nhận sức mua tăng khi người dân tranh thủ xây nhà cuối năm.",
        body=(
            "Khảo sát tại các cửa hàng vật liệu trên địa bàn, giá xi măng và gạch ống giữ ổn "
            "định, riêng cát xây dựng vẫn ở mức cao do nguồn cung hạn chế.",
            "## Nhà thầu chủ động nguồn hàng",
            "Nhiều nhà thầu ký hợp đồng dài hạn với nhà cung cấp để tránh biến động giá vào "
            "thời điểm cao điểm xây dựng trước Tết.",
            "## Khuyến cáo người tiêu dùng",
            "Cơ quan quản lý thị trường khuyến cáo người dân mua vật liệu ở cửa hàng có hóa "
            "đơn, chứng từ rõ ràng để tránh hàng kém chất lượng.",
        ),
        cover="Cửa hàng vật liệu xây dựng đông khách những ngày cuối năm.",
        figure="Thép xây dựng tập kết tại một đại lý.",
        authors=("Phạm Ẩn",),
        tags=("Thị trường", "Vật liệu xây dựng", "Giá cả"),
    ),
    Story(
        section="Kinh tế",
        title="Hợp tác xã rau sạch mở rộng chuỗi cung ứng vào siêu thị",
        lead="Mỗi ngày, Hợp tác xã rau an toàn Tân Phước cung cấp gần 3 tấn rau củ cho hệ "
        "thống siêu thị và bếp ăn của các trường học.",
        body=(
            "Từ một tổ hợp tác nhỏ, hợp tác xã nay có 60 thành viên, áp dụng nhà lưới và "
            "tưới nhỏ giọt trên toàn bộ diện tích canh tác.",
            "## Truy xuất nguồn gốc bằng mã QR",
            "Mỗi bó rau khi lên kệ siêu thị đều có tem truy xuất, người mua quét mã là biết "
            "ngày gieo, ngày thu hoạch và người trồng.",
            "## Thêm việc làm cho lao động nông thôn",
            "Khâu sơ chế, đóng gói tạo việc làm ổn định cho 40 lao động nữ trong xã với thu "
            "nhập khoảng 7 triệu đồng mỗi tháng.",
        ),
        cover="Thành viên hợp tác xã thu hoạch rau trong nhà lưới.",
        figure="Sơ chế, đóng gói rau trước khi giao cho siêu thị.",
        authors=("Phạm Ẩn", "Thu Thảo"),
        tags=("Nông nghiệp", "Hợp tác xã", "Tân Phước"),
    ),
    Story(
        section="Kinh tế",
        title="Chợ phiên nông sản cuối tuần: kênh tiêu thụ mới cho nhà vườn",
        lead="Sau ba tháng hoạt động, chợ phiên nông sản tại công viên trung tâm đã thu hút "
        "hơn 50 gian hàng và hàng nghìn lượt khách mỗi phiên.",
        body=(
            "Chờ duyệt: đề nghị biên tập bổ sung số liệu doanh thu do Sở Nông nghiệp cung cấp.",
            "## Người mua yên tâm, người bán có lãi",
            "Các gian hàng đều phải có giấy chứng nhận an toàn thực phẩm, giá niêm yết rõ "
            "ràng, không qua trung gian.",
            "## Nhân rộng mô hình",
            "Ban tổ chức dự kiến mở thêm điểm chợ phiên ở hai huyện phía bắc của tỉnh.",
        ),
        cover="Khách tham quan chợ phiên nông sản cuối tuần.",
        figure="Gian hàng trái cây của nhà vườn xã Bình Minh.",
        authors=("Phạm Ẩn",),
        tags=("Nông nghiệp", "Thị trường"),
        status="review",
    ),
    # Xã hội
    Story(
        section="Xã hội",
        title="Khánh thành cầu Rạch Sỏi, người dân hết cảnh đi đò",
        lead="Cây cầu dài 120 mét nối hai bờ rạch Sỏi giúp hơn 2.000 hộ dân và học sinh "
        "không còn phải đi đò mỗi ngày.",
        body=(
            "Sáng nay, đông đảo bà con có mặt từ sớm để chứng kiến lễ cắt băng khánh thành "
            "cây cầu mà họ mong đợi suốt nhiều năm.",
            "## Nỗi lo mùa nước nổi đã qua",
            "Bà Nguyễn Thị Sáu, người chèo đò hơn 30 năm, cho biết vào mùa nước lớn, chuyến "
            "đò chở học sinh luôn khiến bà thấp thỏm.",
            "> Từ nay các cháu đi học không còn phải chờ đò, tôi mừng lắm.",
            "## Động lực cho kinh tế địa phương",
            "Cây cầu giúp xe tải nhỏ vào tận vườn thu mua nông sản, giảm chi phí vận chuyển "
            "cho nông dân hai xã.",
        ),
        cover="Người dân đi trên cầu Rạch Sỏi trong ngày khánh thành.",
        figure="Chuyến đò cuối cùng qua rạch Sỏi.",
        authors=("Thu Thảo", "Quang Tám"),
        tags=("Giao thông", "Nông thôn mới"),
    ),
    Story(
        section="Xã hội",
        title="Khám bệnh bằng căn cước công dân gắn chip: nhanh và thuận tiện",
        lead="Toàn bộ bệnh viện và trạm y tế trong tỉnh đã tiếp nhận người bệnh bảo hiểm y tế "
        "bằng căn cước công dân, rút ngắn thời gian chờ đợi.",
        body=(
            "Tại Bệnh viện Đa khoa tỉnh, người bệnh chỉ cần đặt thẻ lên đầu đọc, thông tin "
            "bảo hiểm y tế hiện lên sau vài giây.",
            "## Bớt giấy tờ, bớt xếp hàng",
            "Thời gian làm thủ tục trung bình giảm từ 10 phút xuống còn khoảng 2 phút cho mỗi "
            "lượt khám.",
            "## Người cao tuổi cần được hỗ trợ",
            "Bệnh viện bố trí tình nguyện viên hướng dẫn người cao tuổi cài đặt và sử dụng "
            "ứng dụng định danh điện tử.",
        ),
        cover="Người bệnh làm thủ tục khám bằng căn cước công dân.",
        figure="Tình nguyện viên hướng dẫn người cao tuổi tại khu khám bệnh.",
        authors=("Thu Thảo",),
        tags=("Y tế", "Chuyển đổi số", "Bảo hiểm y tế"),
    ),
    Story(
        section="Xã hội",
        title="Trao 200 suất học bổng cho học sinh vượt khó học giỏi",
        lead="Mỗi suất học bổng trị giá 2 triệu đồng, kèm theo cặp sách và xe đạp cho các em ở "
        "xa trường.",
        body=(
            "Chương trình do Hội Khuyến học tỉnh phối hợp với các doanh nghiệp tổ chức, đây "
            "là năm thứ mười liên tiếp.",
            "## Những tấm gương nghị lực",
            "Em Lâm Thị Ngọc, học sinh lớp 9, mồ côi cha, hằng ngày phụ mẹ bán rau nhưng vẫn "
            "đạt học sinh giỏi cấp tỉnh môn Toán.",
            "## Tiếp sức đến trường",
            "Ban tổ chức cho biết sẽ theo dõi, hỗ trợ các em đến hết cấp trung học phổ thông.",
        ),
        cover="Học sinh vượt khó nhận học bổng và xe đạp.",
        figure="Em Lâm Thị Ngọc cùng mẹ tại sạp rau.",
        authors=("Thu Thảo",),
        tags=("Giáo dục", "Khuyến học"),
    ),
    Story(
        section="Xã hội",
        title="Phường Hòa Lợi ra quân làm sạch kênh rạch trước mùa mưa",
        lead="Hơn 500 đoàn viên, hội viên và người dân đã thu gom gần 20 tấn rác, khơi thông "
        "3 km kênh thoát nước.",
        body=(
            "Từ 6 giờ sáng, các lực lượng chia thành nhiều tổ, dùng ghe, cào và lưới vớt "
            "rác dọc kênh Bà Tư.",
            "## Chống ngập từ những việc nhỏ",
            "Theo lãnh đạo phường, nhiều điểm ngập cục bộ năm ngoái do rác thải làm tắc cống, "
            "nước không kịp thoát khi mưa lớn.",
            "## Duy trì hằng tháng",
            "Phường giao các khu phố tự quản đoạn kênh trước nhà, tổ chức ra quân vào chủ "
            "nhật cuối mỗi tháng.",
        ),
        cover="Đoàn viên thanh niên vớt rác trên kênh Bà Tư.",
        figure="Rác thải được thu gom, tập kết để xử lý.",
        authors=("Thu Thảo", "Quang Tám"),
        tags=("Môi trường", "Hòa Lợi", "Thanh niên"),
    ),
    Story(
        section="Xã hội",
        title="Tuyển sinh lớp 10: thêm hai trường THPT công lập đi vào hoạt động",
        lead="Năm học tới, tỉnh tuyển hơn 21.000 học sinh lớp 10 công lập, tăng 1.500 chỉ tiêu "
        "nhờ hai trường mới.",
        body=(
            "Sở Giáo dục và Đào tạo cho biết kỳ thi tuyển sinh vẫn gồm ba môn Toán, Ngữ văn "
            "và Tiếng Anh, tổ chức trong hai ngày.",
            "## Giảm áp lực cho vùng đông dân",
            "Hai trường mới nằm ở các phường có nhiều khu công nghiệp, giúp con em công nhân "
            "được học gần nhà.",
            "## Lời khuyên cho phụ huynh",
            "Phụ huynh nên cân nhắc năng lực của con và khoảng cách đến trường khi chọn "
            "nguyện vọng, tránh chạy theo trường điểm.",
        ),
        cover="Học sinh lớp 9 ôn tập chuẩn bị kỳ thi tuyển sinh.",
        figure="Trường THPT mới xây dựng sẵn sàng đón học sinh.",
        authors=("Thu Thảo",),
        tags=("Giáo dục", "Tuyển sinh"),
    ),
    Story(
        section="Xã hội",
        title="Bảo hiểm xã hội tự nguyện: điểm tựa cho lao động tự do",
        lead="Từ tháng tới, người tham gia bảo hiểm xã hội tự nguyện được hỗ trợ thêm tiền "
        "đóng, mở rộng cơ hội có lương hưu cho lao động tự do.",
        body=(
            "Bảo hiểm xã hội tỉnh đặt mục tiêu phát triển thêm 8.000 người tham gia trong "
            "năm, tập trung vào tiểu thương và lao động nông nghiệp.",
            "## Đóng linh hoạt theo thu nhập",
            "Người tham gia được chọn mức đóng và phương thức đóng hằng tháng, hằng quý hoặc "
            "một lần cho nhiều năm.",
            "## Tư vấn tại chợ và khu dân cư",
            "Các tổ tư vấn lưu động sẽ có mặt tại chợ, khu nhà trọ công nhân vào cuối tuần.",
        ),
        cover="Tư vấn bảo hiểm xã hội tự nguyện cho tiểu thương tại chợ.",
        figure="Người lao động tìm hiểu chính sách mới.",
        authors=("Thu Thảo", "Phạm Ẩn"),
        tags=("An sinh xã hội", "Bảo hiểm xã hội"),
        scheduled=True,
    ),
    # Thể thao
    Story(
        section="Thể thao",
        title="Giải bóng đá thiếu niên toàn tỉnh khởi tranh với 24 đội",
        lead="Giải quy tụ gần 500 cầu thủ lứa tuổi 13–15, là nơi các câu lạc bộ tìm kiếm tài "
        "năng cho đội trẻ của tỉnh.",
        body=(
            "Trận khai mạc trên sân vận động tỉnh diễn ra sôi nổi với chiến thắng 2–1 của "
            "đội phường An Phú trước đội xã Tân Hòa.",
            "## Sân chơi bổ ích dịp hè",
            "Ban tổ chức bố trí lịch thi đấu vào buổi chiều mát, có bác sĩ trực tại sân và "
            "nước uống miễn phí cho cầu thủ.",
            "## Ươm mầm tài năng",
            "Các huấn luyện viên đội trẻ có mặt theo dõi từng trận để chọn cầu thủ triển vọng "
            "vào lớp năng khiếu.",
        ),
        cover="Pha tranh bóng trong trận khai mạc giải bóng đá thiếu niên.",
        figure="Cầu thủ nhí chào khán giả trước giờ bóng lăn.",
        authors=("Minh Duy",),
        tags=("Bóng đá", "Thiếu niên", "An Phú"),
    ),
    Story(
        section="Thể thao",
        title="Vận động viên điền kinh của tỉnh giành ba huy chương vàng quốc gia",
        lead="Tại Giải điền kinh vô địch quốc gia, đoàn vận động viên của tỉnh xếp thứ năm "
        "toàn đoàn, thành tích tốt nhất từ trước đến nay.",
        body=(
            "Ba tấm huy chương vàng đến ở các nội dung 800 m nữ, nhảy xa nam và tiếp sức "
            "4×400 m hỗn hợp.",
            "## Thành quả của đào tạo trẻ",
            "Phần lớn vận động viên giành huy chương đều trưởng thành từ lớp năng khiếu của "
            "trung tâm huấn luyện thể thao tỉnh.",
            "## Hướng tới đấu trường khu vực",
            "Hai vận động viên đã được triệu tập vào đội tuyển quốc gia chuẩn bị cho các giải "
            "đấu khu vực năm tới.",
        ),
        cover="Vận động viên của tỉnh về đích ở nội dung 800 m nữ.",
        figure="Đoàn điền kinh tỉnh nhận cờ thưởng tại lễ bế mạc.",
        authors=("Minh Duy", "Quang Tám"),
        tags=("Điền kinh", "Thể thao thành tích cao"),
    ),
    Story(
        section="Thể thao",
        title="Câu lạc bộ bóng chuyền nữ thắng trận mở màn giải hạng A",
        lead="Trước hàng nghìn khán giả nhà, các cô gái của câu lạc bộ thắng 3–1 sau hơn hai "
        "giờ thi đấu quyết liệt.",
        body=(
            "Đánh mất set đầu, đội chủ nhà nhanh chóng lấy lại thế trận nhờ những pha tấn "
            "công biên uy lực của chủ công số 7.",
            "## Khán giả tiếp lửa",
            "Nhà thi đấu tỉnh kín chỗ, cổ động viên mang theo trống và băng rôn cổ vũ suốt "
            "trận đấu.",
            "## Mục tiêu thăng hạng",
            "Ban huấn luyện đặt mục tiêu giành vé thăng hạng ngay trong mùa giải này.",
        ),
        cover="Pha tấn công của chủ công câu lạc bộ bóng chuyền nữ.",
        figure="Khán giả cổ vũ trên khán đài nhà thi đấu tỉnh.",
        authors=("Minh Duy",),
        tags=("Bóng chuyền", "Thể thao thành tích cao"),
    ),
    Story(
        section="Thể thao",
        title="Hơn 3.000 người tham gia giải chạy vì sức khỏe cộng đồng",
        lead="Giải chạy có ba cự ly 5 km, 10 km và 21 km, đi qua những tuyến đường rợp bóng "
        "cây của trung tâm tỉnh.",
        body=(
            "Ngay từ 4 giờ 30 sáng, khu vực xuất phát đã đông kín vận động viên phong trào, "
            "trong đó có nhiều gia đình cùng tham gia.",
            "## Chạy để sẻ chia",
            "Mỗi bước chạy góp 1.000 đồng vào quỹ hỗ trợ học sinh khó khăn; ban tổ chức đã "
            "quyên góp được hơn 150 triệu đồng.",
            "## Phong trào chạy bộ lan rộng",
            "Các câu lạc bộ chạy bộ trong tỉnh tăng nhanh, nhiều người chọn chạy buổi sáng "
            "quanh công viên và bờ sông.",
        ),
        cover="Vận động viên phong trào xuất phát cự ly 21 km.",
        figure="Gia đình nhỏ cùng về đích cự ly 5 km.",
        authors=("Minh Duy", "Thu Thảo"),
        tags=("Chạy bộ", "Sức khỏe"),
    ),
    Story(
        section="Thể thao",
        title="Lò võ làng Tân Phước giữ nghề qua bốn thế hệ",
        lead="Mỗi tối, sân gạch trước nhà võ sư già lại vang tiếng hô của hàng chục môn sinh, "
        "từ học sinh tiểu học đến người ngoài năm mươi tuổi.",
        body=(
            "Lò võ được ông nội của võ sư hiện nay lập ra từ những năm 1940, truyền dạy các "
            "bài quyền cổ truyền của vùng đất Nam Bộ.",
            "## Không thu học phí",
            "Võ sư chỉ nhận môn sinh chăm chỉ, lễ phép; người có điều kiện góp tiền sửa sân, "
            "mua dụng cụ tập luyện.",
            "## Võ đường và giải đấu",
            "Nhiều môn sinh của lò võ đã giành huy chương tại giải võ cổ truyền toàn quốc.",
        ),
        cover="Môn sinh lò võ Tân Phước luyện quyền buổi tối.",
        figure="Võ sư chỉnh thế tấn cho học trò nhỏ.",
        authors=("Minh Duy", "Ngọc Hân"),
        tags=("Võ cổ truyền", "Tân Phước"),
    ),
    Story(
        section="Thể thao",
        title="Hội khỏe Phù Đổng cấp tỉnh: phường An Phú dẫn đầu toàn đoàn",
        lead="Sau năm ngày tranh tài ở 12 môn, đoàn An Phú giành 28 huy chương vàng, xếp nhất "
        "toàn đoàn.",
        body=(
            "Hội khỏe năm nay thu hút hơn 2.000 học sinh từ tiểu học đến trung học phổ thông "
            "của tất cả địa phương trong tỉnh.",
            "## Nhiều kỷ lục mới",
            "Ba kỷ lục hội khỏe ở môn bơi và điền kinh đã bị xô đổ, cho thấy chất lượng "
            "phong trào thể thao học đường ngày càng cao.",
            "## Chọn vận động viên cho hội khỏe toàn quốc",
            "Sở Giáo dục và Đào tạo sẽ chọn các em xuất sắc nhất tham gia tập huấn, chuẩn bị "
            "cho hội khỏe Phù Đổng toàn quốc.",
        ),
        cover="Học sinh thi đấu môn bơi tại Hội khỏe Phù Đổng.",
        figure="Đoàn An Phú nhận cúp nhất toàn đoàn.",
        authors=("Minh Duy",),
        tags=("Thể thao học đường", "An Phú", "Giáo dục"),
    ),
    # Văn hóa
    Story(
        section="Văn hóa",
        title="Lễ hội đình Tân Hòa thu hút đông đảo du khách",
        lead="Lễ hội kỳ yên diễn ra trong ba ngày với nghi thức nghinh thần, hát bội và nhiều "
        "trò chơi dân gian.",
        body=(
            "Ngôi đình hơn 150 năm tuổi được trang hoàng rực rỡ, người dân trong và ngoài xã "
            "về dự lễ từ sáng sớm.",
            "## Giữ gìn nghi lễ truyền thống",
            "Ban quý tế đình cho biết các nghi thức được thực hiện đúng như các bậc cao niên "
            "truyền lại, từ lễ túc yết đến lễ xây chầu.",
            "## Hát bội trở lại sân đình",
            "Đêm hát bội với tích tuồng quen thuộc khiến khán giả lớn tuổi xúc động, nhiều "
            "bạn trẻ lần đầu được xem loại hình nghệ thuật này.",
        ),
        cover="Nghi thức nghinh thần tại lễ hội đình Tân Hòa.",
        figure="Đêm hát bội trên sân khấu dựng trước sân đình.",
        authors=("Ngọc Hân", "Quang Tám"),
        tags=("Lễ hội", "Di sản", "Tân Hòa"),
    ),
    Story(
        section="Văn hóa",
        title="Nghệ nhân sơn mài trẻ và hành trình đưa tranh ra thế giới",
        lead="Ở tuổi 32, anh Lê Minh Khoa đã có tranh sơn mài trưng bày tại nhiều triển lãm "
        "quốc tế, góp phần làm mới một nghề truyền thống.",
        body=(
            "Xưởng tranh nhỏ của anh nằm sâu trong con hẻm, mùi sơn ta thoang thoảng, những "
            "tấm vóc phủ nhiều lớp sơn xếp kín tường.",
            "## Kỹ thuật cũ, đề tài mới",
            "Anh vẫn giữ quy trình mài, vẽ nhiều lớp như cha ông, nhưng chọn đề tài từ nhịp "
            "sống đô thị và khu công nghiệp quê mình.",
            "## Truyền nghề cho lớp trẻ",
            "Mỗi cuối tuần, xưởng mở lớp miễn phí cho sinh viên mỹ thuật muốn tìm hiểu nghề "
            "sơn mài.",
        ),
        cover="Nghệ nhân Lê Minh Khoa bên bức tranh sơn mài mới hoàn thành.",
        figure="Mài tranh, công đoạn đòi hỏi nhiều kiên nhẫn nhất.",
        authors=("Ngọc Hân",),
        tags=("Sơn mài", "Nghệ nhân", "Di sản"),
    ),
    Story(
        section="Văn hóa",
        title="Thư viện tỉnh ra mắt không gian đọc sách cho thiếu nhi",
        lead="Không gian rộng 300 m² với hơn 10.000 đầu sách, góc kể chuyện và khu đọc sách "
        "điện tử, mở cửa miễn phí cả tuần.",
        body=(
            "Ngay trong ngày đầu, hàng trăm em nhỏ cùng phụ huynh đến đọc sách, nghe kể "
            "chuyện và làm thẻ thư viện.",
            "## Khơi dậy văn hóa đọc",
            "Thư viện tổ chức giờ kể chuyện vào sáng thứ bảy và câu lạc bộ đọc sách cho học "
            "sinh tiểu học vào chiều chủ nhật.",
            "## Xe sách lưu động về xã",
            "Bên cạnh đó, xe thư viện lưu động sẽ đến các trường học vùng xa mỗi tháng một lần.",
        ),
        cover="Các em nhỏ đọc sách tại không gian mới của thư viện tỉnh.",
        figure="Giờ kể chuyện sáng thứ bảy.",
        authors=("Ngọc Hân", "Thu Thảo"),
        tags=("Văn hóa đọc", "Thiếu nhi", "Giáo dục"),
    ),
    Story(
        section="Văn hóa",
        title="Đờn ca tài tử: sân khấu nhỏ giữa lòng khu dân cư",
        lead="Mỗi tối thứ sáu, câu lạc bộ đờn ca tài tử khu phố 5 lại quây quần dưới giàn "
        "bông giấy, thu hút cả người trẻ đến nghe.",
        body=(
            "Câu lạc bộ có 25 thành viên, người lớn tuổi nhất đã ngoài tám mươi, người trẻ "
            "nhất là học sinh lớp 10.",
            "## Giữ hồn di sản",
            "Đờn ca tài tử Nam Bộ là di sản văn hóa phi vật thể đại diện của nhân loại; câu "
            "lạc bộ tự nguyện truyền dạy cho bất cứ ai muốn học.",
            "> Ca cho nhau nghe, ca cho vui xóm làng, vậy là đủ.",
            "Năm nay, câu lạc bộ đoạt giải nhất liên hoan đờn ca tài tử cấp tỉnh.",
        ),
        cover="Buổi sinh hoạt của câu lạc bộ đờn ca tài tử khu phố 5.",
        figure="Nghệ nhân lớn tuổi truyền ngón đờn cho học trò.",
        authors=("Ngọc Hân",),
        tags=("Đờn ca tài tử", "Di sản"),
    ),
    Story(
        section="Văn hóa",
        title="Làng gốm ven sông giữ lửa lò bầu",
        lead="Giữa những xưởng gốm hiện đại, vài lò bầu trăm tuổi vẫn đỏ lửa, giữ lại cách "
        "làm gốm thủ công của vùng đất ven sông.",
        body=(
            "Những người thợ lành nghề vẫn tự tay nhồi đất, chuốt gốm trên bàn xoay và canh "
            "lửa suốt hai ngày đêm cho mỗi mẻ nung.",
            "## Từ lò bầu đến điểm du lịch",
            "Một số lò đã mở cửa đón khách tham quan, cho du khách tự nặn và vẽ trên gốm.",
            "## Tìm lối đi cho sản phẩm",
            "Các cơ sở liên kết với nhà thiết kế trẻ, làm ra dòng gốm gia dụng mang phong "
            "cách hiện đại nhưng vẫn giữ men truyền thống.",
        ),
        cover="Lò bầu trăm tuổi vẫn đỏ lửa bên bờ sông.",
        figure="Du khách trải nghiệm vẽ trên gốm.",
        authors=("Ngọc Hân", "Quang Tám"),
        tags=("Gốm", "Làng nghề", "Du lịch"),
    ),
    Story(
        section="Văn hóa",
        title="Triển lãm ảnh “Quê hương đổi mới” mở cửa miễn phí",
        lead="Hơn 120 bức ảnh ghi lại diện mạo đổi thay của tỉnh qua bốn thập kỷ, từ con đường "
        "đất đỏ đến những khu đô thị mới.",
        body=(
            "Triển lãm trưng bày tại Bảo tàng tỉnh đến hết tháng, phục vụ khách tham quan từ "
            "8 giờ đến 17 giờ hằng ngày.",
            "## Những khoảnh khắc đáng nhớ",
            "Nhiều bức ảnh đen trắng được các gia đình cho mượn, lần đầu ra mắt công chúng.",
            "## Kết nối thế hệ",
            "Ban tổ chức mời các trường đưa học sinh đến tham quan, nghe nhiếp ảnh gia kể "
            "chuyện đằng sau mỗi tấm hình.",
        ),
        cover="Khách tham quan triển lãm ảnh tại Bảo tàng tỉnh.",
        figure="Bức ảnh đen trắng về con đường đất đỏ năm 1985.",
        authors=("Quang Tám", "Ngọc Hân"),
        tags=("Nhiếp ảnh", "Triển lãm", "Di sản"),
    ),
]
