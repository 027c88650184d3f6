#include "matching/person/pinyin_syllables.h"

#include <array>
#include <cstddef>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_split.h"

namespace mdm::matching {
namespace {

// Grouped by initial; the zero-initial group first.
constexpr absl::string_view kSyllables =
    "a ai an ang ao e ei en eng er o ou "
    "yi ya yan yang yao ye yin ying yo yong you yu yuan yue yun "
    "wu wa wai wan wang wei wen weng wo "
    "ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu "
    "pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu "
    "ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou "
    "mu "
    "fa fan fang fei fen feng fo fou fu "
    "da dai dan dang dao de dei den deng di dia dian diao die ding diu dong "
    "dou du duan dui dun duo "
    "ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan "
    "tui tun tuo "
    "na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu "
    "nong nou nu nuan nun nuo nv nve nue nyu "
    "la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu "
    "lo long lou lu luan lun luo lv lve lue lyu "
    "ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui "
    "gun guo "
    "ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui "
    "kun kuo "
    "ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui "
    "hun huo "
    "ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun "
    "qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun "
    "xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun "
    "zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua "
    "zhuai zhuan zhuang zhui zhun zhuo "
    "cha chai chan chang chao che chen cheng chi chong chou chu chua chuai "
    "chuan chuang chui chun chuo "
    "sha shai shan shang shao she shei shen sheng shi shou shu shua shuai "
    "shuan shuang shui shun shuo "
    "ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo "
    "za zai zan zang zao ze zei zen zeng zi zong zou zu zuan zui zun zuo "
    "ca cai can cang cao ce cen ceng ci cong cou cu cuan cui cun cuo "
    "sa sai san sang sao se sen seng si song sou su suan sui sun suo";

constexpr size_t kMaxSyllableLength = 6;  // "zhuang", "chuang", "shuang".
constexpr size_t kMaxWordLength = 30;

const absl::flat_hash_set<absl::string_view>& Syllables() {
  static const auto* const syllables =
      new absl::flat_hash_set<absl::string_view>(
          absl::StrSplit(kSyllables, ' ', absl::SkipEmpty()));
  return *syllables;
}

}  // namespace

bool IsPinyinSyllable(absl::string_view syllable) {
  return Syllables().contains(syllable);
}

bool IsPinyinWord(absl::string_view word) {
  if (word.empty() || word.size() > kMaxWordLength) return false;
  // reachable[i]: word[0, i) splits into syllables.
  std::array<bool, kMaxWordLength + 1> reachable{};
  reachable[0] = true;
  for (size_t end = 1; end <= word.size(); ++end) {
    const size_t shortest_start =
        end > kMaxSyllableLength ? end - kMaxSyllableLength : 0;
    for (size_t start = shortest_start; start < end && !reachable[end];
         ++start) {
      reachable[end] =
          reachable[start] && IsPinyinSyllable(word.substr(start, end - start));
    }
  }
  return reachable[word.size()];
}

}  // namespace mdm::matching
