import { Box, Text } from 'ink';
import type { Language } from '../../../course/model.js';
import { useTheme } from '../../services.js';
import { chrome } from '../../theme.js';

/** `i`: which starter to copy into `dir`. */
export function LanguagePicker({
  dir,
  starters,
  index,
  height,
}: {
  dir: string;
  starters: Language[];
  index: number;
  height: number;
}) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>Create {dir} from a starter in which language?</Text>
      {starters.map((language, i) => (
        <Text key={language} inverse={i === index && theme.color} bold={i === index}>
          {i === index ? theme.symbols.pointer : ' '} {i + 1}. {language}
        </Text>
      ))}
      <Text color={theme.colors.muted}>
        {chrome(theme, 'enter choose · esc cancel · existing files are never overwritten')}
      </Text>
    </Box>
  );
}

/** `s` before a pass: the reveal is recorded, so it is confirmed first. */
export function RevealConfirm({ height }: { height: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" height={height}>
      <Text color={theme.colors.warning} bold>
        Reveal the reference solution before your program passes?
      </Text>
      <Text>Trying the hints first usually teaches more. The reveal is recorded in your progress.</Text>
      <Text> </Text>
      <Text>{chrome(theme, 'y reveal · any other key cancel')}</Text>
    </Box>
  );
}
