"""A deterministic corpus of advice pages, written once in Lotse's format and
once in a minimal multilingual Hugo site of the same shape, for bench/run.

    python3 bench/corpus.py --pages 10000 --languages 10 OUT

makes OUT/lotse/content (site.yaml, one folder per language, questionnaires)
and OUT/hugo (hugo.toml, content/<lang>/, layouts/ copied from bench/hugo/),
plus the floor program's lists: OUT/floor.list (one HTML file per advice
page) and OUT/floor-site.list (every page of the site that shows Markdown:
home, section and advice pages in every language, and each page's print
version beside the source language, made of both texts). --pages counts pages over all
languages: 10,000 pages in 10 languages are 1,000 advice pages, each
translated into every language. Each page has about 700 words: headings
with ids, paragraphs, lists, emphasis and links to other pages and their
sections. The same seed always gives the same bytes.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))

# (code, endonym, sentences). About ten words a sentence, in the tone of the
# bundled site; right-to-left (ar, fa, ps) and Cyrillic (uk, ru) included.
LANGUAGES = [
    ("de", "Deutsch", [
        "Bringen Sie zum Termin Ihren Pass und alle Bescheide mit.",
        "Die Ausländerbehörde prüft Ihren Antrag so schnell wie möglich.",
        "Eine Beratung ist kostenlos und wird auf Wunsch übersetzt.",
        "Fragen Sie nach, wenn Sie einen Brief nicht verstehen.",
        "Wer arbeitet, hat oft bessere Chancen auf ein Bleiberecht.",
        "Die Frist steht immer in der Rechtsbehelfsbelehrung am Ende.",
        "Sie können den Antrag auch per E-Mail stellen.",
        "Für Kinder unter sechzehn Jahren gelten besondere Regeln.",
        "Ein Dolmetscher hilft Ihnen am Telefon oder im Video.",
        "Heben Sie eine Kopie von jedem Antrag gut auf.",
        "Die Entscheidung bekommen Sie schriftlich mit einer Begründung.",
        "Melden Sie einen Umzug innerhalb von zwei Wochen.",
    ]),
    ("en", "English", [
        "Bring your passport and all decisions to the appointment.",
        "The immigration office checks your application as quickly as possible.",
        "Advice is free and translated if you wish.",
        "Ask us if you do not understand a letter.",
        "People who work often have better chances of staying.",
        "The deadline is always in the information on legal remedies.",
        "You can also apply by e-mail.",
        "Special rules apply to children under sixteen.",
        "An interpreter helps you on the phone or by video.",
        "Keep a copy of every application in a safe place.",
        "You receive the decision in writing, with the reasons.",
        "Report a move within two weeks.",
    ]),
    ("ar", "العربية", [
        "أحضروا إلى الموعد جواز السفر وجميع القرارات.",
        "تفحص دائرة الأجانب طلبكم بأسرع ما يمكن.",
        "الاستشارة مجانية ويمكن ترجمتها إذا رغبتم.",
        "اسألونا إذا لم تفهموا رسالة ما.",
        "من يعمل لديه غالباً فرص أفضل للبقاء.",
        "الموعد النهائي مكتوب دائماً في تعليمات الطعن.",
        "يمكنكم أيضاً تقديم الطلب بالبريد الإلكتروني.",
        "تسري قواعد خاصة على الأطفال دون السادسة عشرة.",
        "يساعدكم مترجم عبر الهاتف أو بالفيديو.",
        "احتفظوا بنسخة من كل طلب في مكان آمن.",
        "تحصلون على القرار كتابياً مع الأسباب.",
        "أبلغوا عن تغيير السكن خلال أسبوعين.",
    ]),
    ("uk", "Українська", [
        "Візьміть на прийом паспорт і всі рішення.",
        "Відомство у справах іноземців перевіряє Вашу заяву якнайшвидше.",
        "Консультація безкоштовна і за бажанням перекладається.",
        "Запитайте нас, якщо Ви не розумієте листа.",
        "Ті, хто працює, часто мають кращі шанси залишитися.",
        "Строк завжди вказано в роз'ясненні про оскарження.",
        "Ви також можете подати заяву електронною поштою.",
        "Для дітей до шістнадцяти років діють особливі правила.",
        "Перекладач допоможе Вам телефоном або відеозв'язком.",
        "Зберігайте копію кожної заяви в надійному місці.",
        "Рішення Ви отримаєте письмово з обґрунтуванням.",
        "Повідомте про переїзд протягом двох тижнів.",
    ]),
    ("fa", "فارسی", [
        "گذرنامه و همه تصمیم‌ها را به وقت ملاقات بیاورید.",
        "اداره اتباع خارجی درخواست شما را هر چه سریع‌تر بررسی می‌کند.",
        "مشاوره رایگان است و در صورت تمایل ترجمه می‌شود.",
        "اگر نامه‌ای را نمی‌فهمید از ما بپرسید.",
        "کسانی که کار می‌کنند اغلب شانس بهتری برای ماندن دارند.",
        "مهلت همیشه در راهنمای اعتراض نوشته شده است.",
        "می‌توانید درخواست را با ایمیل هم بفرستید.",
        "برای کودکان زیر شانزده سال قوانین ویژه‌ای وجود دارد.",
        "یک مترجم از طریق تلفن یا ویدیو به شما کمک می‌کند.",
        "از هر درخواست یک نسخه در جای امن نگه دارید.",
        "تصمیم را به صورت کتبی همراه با دلایل دریافت می‌کنید.",
        "تغییر آدرس را ظرف دو هفته اطلاع دهید.",
    ]),
    ("tr", "Türkçe", [
        "Randevuya pasaportunuzu ve tüm kararları getirin.",
        "Yabancılar dairesi başvurunuzu mümkün olduğunca hızlı inceler.",
        "Danışmanlık ücretsizdir ve isterseniz tercüme edilir.",
        "Bir mektubu anlamazsanız bize sorun.",
        "Çalışan kişilerin kalma şansı çoğu zaman daha yüksektir.",
        "Süre her zaman itiraz bilgilendirmesinde yazılıdır.",
        "Başvurunuzu e-posta ile de yapabilirsiniz.",
        "On altı yaşından küçük çocuklar için özel kurallar geçerlidir.",
        "Bir tercüman size telefonda veya görüntülü yardım eder.",
        "Her başvurunun bir kopyasını güvenli bir yerde saklayın.",
        "Kararı gerekçesiyle birlikte yazılı olarak alırsınız.",
        "Taşındığınızı iki hafta içinde bildirin.",
    ]),
    ("ru", "Русский", [
        "Возьмите на приём паспорт и все решения.",
        "Ведомство по делам иностранцев проверяет Ваше заявление как можно быстрее.",
        "Консультация бесплатна и по желанию переводится.",
        "Спросите нас, если Вы не понимаете письмо.",
        "У тех, кто работает, часто больше шансов остаться.",
        "Срок всегда указан в разъяснении об обжаловании.",
        "Вы также можете подать заявление по электронной почте.",
        "Для детей до шестнадцати лет действуют особые правила.",
        "Переводчик поможет Вам по телефону или по видео.",
        "Храните копию каждого заявления в надёжном месте.",
        "Решение Вы получите письменно с обоснованием.",
        "Сообщите о переезде в течение двух недель.",
    ]),
    ("ps", "پښتو", [
        "خپل پاسپورټ او ټولې پرېکړې له ځان سره راوړئ.",
        "د بهرنیانو اداره ستاسو غوښتنلیک ژر تر ژره کتي.",
        "مشوره وړیا ده او که وغواړئ ژباړل کېږي.",
        "که یو لیک نه پوهېږئ له موږ وپوښتئ.",
        "څوک چې کار کوي ډېری وخت د پاتې کېدو ښه چانس لري.",
        "موده تل د اعتراض په لارښوونه کې لیکل شوې ده.",
        "تاسو کولی شئ غوښتنلیک په بریښنالیک هم ولېږئ.",
        "د شپاړس کلنۍ څخه کم عمر ماشومانو لپاره ځانګړي قواعد شته.",
        "یو ژباړن ستاسو سره په تلیفون یا ویډیو کې مرسته کوي.",
        "د هر غوښتنلیک یوه کاپي په خوندي ځای کې وساتئ.",
        "پرېکړه به په لیکلي ډول له دلیلونو سره ترلاسه کړئ.",
        "د کور بدلون په دوو اونیو کې خبر کړئ.",
    ]),
    ("ku", "Kurdî", [
        "Pasaporta xwe û hemû biryaran bînin randevûyê.",
        "Daîreya biyaniyan serlêdana we bi lez û bez kontrol dike.",
        "Şêwirdarî belaş e û heke hûn bixwazin tê wergerandin.",
        "Heke hûn nameyekê fam nakin ji me bipirsin.",
        "Yên ku dixebitin pir caran şansê wan ê mayînê çêtir e.",
        "Dem her tim di agahiya îtirazê de hatiye nivîsandin.",
        "Hûn dikarin serlêdanê bi e-nameyê jî bikin.",
        "Ji bo zarokên di bin şazdeh saliyê de rêzikên taybet hene.",
        "Wergêrek bi telefonê an vîdyoyê alîkariya we dike.",
        "Kopiyek ji her serlêdanê li cihekî ewle biparêzin.",
        "Hûn biryarê bi nivîskî û bi sedeman distînin.",
        "Guhertina navnîşanê di nav du hefteyan de ragihînin.",
    ]),
    ("ti", "ትግርኛ", [
        "ፓስፖርትኩምን ኩሉ ውሳነታትን ናብ ቆጸራ ኣምጽኡ።",
        "ቤት ጽሕፈት ወጻእተኛታት ሕቶኹም ብቕልጡፍ ይርኢ።",
        "ምኽሪ ብነጻ እዩ ምስ እትደልዩ ድማ ይትርጎም።",
        "ደብዳቤ እንተዘይተረድኣኩም ሕተቱና።",
        "ዝሰርሑ ሰባት ብዙሕ ግዜ ናይ ምጽናሕ ዝሓሸ ዕድል ኣለዎም።",
        "እቲ ግዜ ገደብ ኩሉ ግዜ ኣብ ሓበሬታ ይግባይ ተጻሒፉ ኣሎ።",
        "ሕቶኹም ብኢመይል እውን ከተቕርቡ ትኽእሉ ኢኹም።",
        "ንቖልዑ ትሕቲ ዓሰርተው ሽዱሽተ ዓመት ፍሉይ ሕግታት ኣሎ።",
        "ተርጓሚ ብተሌፎን ወይ ብቪድዮ ይሕግዘኩም።",
        "ቅዳሕ ናይ ነፍሲ ወከፍ ሕቶ ኣብ ውሑስ ቦታ ሓልዉ።",
        "ነቲ ውሳነ ብጽሑፍ ምስ ምኽንያታቱ ክትቕበሉ ኢኹም።",
        "ምቕያር ኣድራሻ ኣብ ውሽጢ ክልተ ሰሙን ሓብሩ።",
    ]),
]

SECTIONS = 6
SECTION_SIZE = 100  # advice pages per folder (each folder has a section page)


def page_path(i: int) -> str:
    return f"bereich-{i // SECTION_SIZE}/seite-{i}"


class Page:
    """One advice page's text in one language, as Markdown without front matter."""

    def __init__(self, i: int, n: int, sentences: list[str], rng: random.Random, link) -> None:
        self.parts: list[str] = []
        say = lambda k: " ".join(rng.choice(sentences) for _ in range(k))
        targets = [rng.randrange(n) for _ in range(SECTIONS + 2)]
        self.parts.append(f"{say(3)} {link(targets[0], None, say(1)[:-1])}. {say(2)} "
                          f"{link(targets[1], 2, say(1)[:-1])}.\n")
        for k in range(SECTIONS):
            heading = say(1).rstrip(".。።")
            self.parts.append(f"\n## {heading} {{#abschnitt-{k}}}\n\n")
            self.parts.append(f"{say(3)} **{say(1)}** {say(1)}\n\n")
            for _ in range(3):
                self.parts.append(f"- {say(1)} *{rng.choice(sentences).split(' ')[0]}*\n")
            self.parts.append(f"\n{say(2)} {link(targets[2 + k], k % SECTIONS, say(1)[:-1])}.\n")

    def text(self) -> str:
        return "".join(self.parts)


def generate(out: str, total: int, languages: int, questionnaires: int = 3) -> dict:
    langs = LANGUAGES[:languages]
    n = max(1, total // len(langs))
    lotse = os.path.join(out, "lotse", "content")
    hugo = os.path.join(out, "hugo")
    for folder in (os.path.join(out, "lotse"), hugo):
        shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(lotse)
    shutil.copytree(os.path.join(HERE, "hugo", "layouts"), os.path.join(hugo, "layouts"))
    floor: list[str] = []
    # Every page of the site that shows Markdown, as Lotse writes it: the page in its language, and
    # (but for the source language's own, and the home pages) its print version beside the source
    # language at <lang>/<path>/leaflet/<source>/, made of both texts. Questionnaire pages show no
    # Markdown and are left out.
    site_floor: list[str] = []
    source_code = langs[0][0]

    def site_pages(code: str, source: str, path: str, leaflet: bool = True) -> None:
        site_floor.append(f"{source}\t{code}/{path}index.html")
        if leaflet and code != source_code:
            original = os.path.join(lotse, source_code, os.path.relpath(source, os.path.join(lotse, code)))
            site_floor.append(f"{source}\t{original}\t{code}/{path}leaflet/{source_code}/index.html")

    def write(path: str, text: str) -> None:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    with open(os.path.join(lotse, "site.yaml"), "w", encoding="utf-8") as f:
        f.write("base_url: \"https://bench.example/\"\nsource_language: de\nreview_interval_days: 100000\nlanguages:\n")
        for code, name, _ in langs:
            f.write(f"  - {{ code: {code}, name: {name} }}\n")
    with open(os.path.join(hugo, "hugo.toml"), "w", encoding="utf-8") as f:
        f.write('baseURL = "https://bench.example/"\ndefaultContentLanguage = "de"\n'
                'defaultContentLanguageInSubdir = true\ndisableKinds = ["taxonomy", "term", "RSS"]\n'
                'enableRobotsTXT = true\n\n[markup.goldmark.renderer]\nunsafe = false\n\n')
        for weight, (code, name, _) in enumerate(langs, 1):
            f.write(f'[languages.{code}]\ncontentDir = "content/{code}"\nlanguageName = "{name}"\n'
                    f'weight = {weight}\n')
            if code in ("ar", "fa", "ps"):
                f.write('languageDirection = "rtl"\n')
            f.write("\n")

    sources = ('sources:\n  - title: "§ 4a AufenthG"\n'
               '    url: "https://www.gesetze-im-internet.de/aufenthg_2004/__4a.html"\n')
    for code, name, sentences in langs:
        rng = random.Random(f"{code}-42")
        lotse_link = lambda j, k, text: f"[{text}](../{page_path(j)}.md{'' if k is None else f'#abschnitt-{k}'})"
        hugo_link = lambda j, k, text, code=code: f"[{text}](/{code}/{page_path(j)}/{'' if k is None else f'#abschnitt-{k}'})"
        home = f"{' '.join(sentences[:3])}\n"
        write(os.path.join(lotse, code, "index.md"), f"---\ntitle: \"{name}\"\n---\n{home}")
        site_pages(code, os.path.join(lotse, code, "index.md"), "", leaflet=False)
        write(os.path.join(hugo, "content", code, "_index.md"), f"---\ntitle: \"{name}\"\n---\n{home}")
        for s in range((n + SECTION_SIZE - 1) // SECTION_SIZE):
            intro = f"---\ntitle: \"{sentences[s % len(sentences)][:-1]} {s}\"\norder: {s}\n---\n{sentences[(s + 1) % len(sentences)]}\n"
            write(os.path.join(lotse, code, f"bereich-{s}", "index.md"), intro)
            site_pages(code, os.path.join(lotse, code, f"bereich-{s}", "index.md"), f"bereich-{s}/")
            write(os.path.join(hugo, "content", code, f"bereich-{s}", "_index.md"), intro)
        for i in range(n):
            state = rng.getstate()
            body = Page(i, n, sentences, rng, lotse_link).text()
            rng.setstate(state)
            hbody = Page(i, n, sentences, rng, hugo_link).text()
            title = f"{sentences[i % len(sentences)][:-1]} {i}"
            front = (f"---\ntitle: \"{title}\"\nsummary: \"{sentences[(i + 3) % len(sentences)]}\"\n"
                     f"order: {i}\nreviewed: 2026-11-01\n{sources}---\n")
            target = os.path.join(lotse, code, page_path(i) + ".md")
            write(target, front + body)
            write(os.path.join(hugo, "content", code, page_path(i) + ".md"),
                  f"---\ntitle: \"{title}\"\nsummary: \"{sentences[(i + 3) % len(sentences)]}\"\nweight: {i + 1}\n---\n" + hbody)
            floor.append(f"{target}\t{code}/{page_path(i)}/index.html")
            site_pages(code, target, f"{page_path(i)}/")

    # A few questionnaires, as on a real site (Hugo has no equivalent).
    for q in range(questionnaires):
        logic = [f"start: q1\nquestions:\n"]
        for k in range(1, 5):
            nxt = f"q{k + 1}" if k < 4 else None
            logic.append(f"  q{k}:\n    answers:\n")
            for a in ("a", "b", "c"):
                logic.append(f"      {a}: {{ set: {{ f{k}: {a} }}{', next: ' + nxt if nxt else ''} }}\n")
        logic.append("outcomes:\n")
        # Outcomes read the first and the last answer, so explored states stay few, as on a real site.
        for k in (1, 4):
            for a in ("a", "b", "c"):
                logic.append(f"  o{k}{a}:\n    when: {{ f{k}: {a} }}\n    pages: [{page_path((q * 13 + k * 3) % n)}]\n")
        logic.append("tests:\n")
        for a in ("a", "b", "c"):
            logic.append(f"  - answers: [{a}, {a}, {a}, {a}]\n    outcomes: [o1{a}, o4{a}]\n")
        write(os.path.join(lotse, "questionnaires", f"check-{q}.yaml"), "".join(logic))
        for code, _, sentences in langs:
            texts = [f"title: \"{sentences[q][:-1]}\"\nintro: \"{sentences[q + 1]}\"\nquestions:\n"]
            for k in range(1, 5):
                texts.append(f"  q{k}:\n    text: \"{sentences[k]}\"\n    answers:\n")
                for a, s in zip(("a", "b", "c"), (5, 6, 7)):
                    texts.append(f"      {a}: \"{sentences[s][:-1]}\"\n")
            texts.append("outcomes:\n")
            for k in (1, 4):
                for a in ("a", "b", "c"):
                    texts.append(f"  o{k}{a}:\n    title: \"{sentences[8]}\"\n    body: \"{sentences[9]}\"\n")
            write(os.path.join(lotse, code, "questionnaires", f"check-{q}.yaml"), "".join(texts))

    with open(os.path.join(out, "floor.list"), "w", encoding="utf-8") as f:
        f.write("\n".join(floor) + "\n")
    with open(os.path.join(out, "floor-site.list"), "w", encoding="utf-8") as f:
        f.write("\n".join(site_floor) + "\n")
    words = sum(len(open(line.split("\t")[0], encoding="utf-8").read().split()) for line in floor[: min(50, len(floor))])
    return {"pages": n * len(langs), "advice_pages": n, "languages": len(langs),
            "words_per_page": words // max(1, min(50, len(floor)))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10000, help="pages over all languages")
    parser.add_argument("--languages", type=int, default=10, choices=range(1, len(LANGUAGES) + 1))
    parser.add_argument("out")
    args = parser.parse_args()
    print(generate(args.out, args.pages, args.languages))


if __name__ == "__main__":
    main()
